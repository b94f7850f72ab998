import { z } from 'zod';
import { def } from '../define';

export const auditMessages = {
  'audit.recent': def(
    'extension-page',
    () => z.object({ limit: z.number().int().min(1).max(500) }),
    () => z.array(
      z.object({
        seq: z.number(),
        at: z.number(),
        kind: z.string(),
        subject: z.string().nullable(),
        lane: z.string().nullable(),
        data: z.record(z.string(), z.unknown()),
      }),
    ),
  ),
} as const;
