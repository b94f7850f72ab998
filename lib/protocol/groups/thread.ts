import { z } from 'zod';
import { def, subjectIdSchema } from '../define';

export const threadMessages = {
  'thread.seen': def(
    'gmail',
    z.object({ id: subjectIdSchema, subject: z.string().max(1000) }),
    z.object({ firstSeen: z.number(), lastTriaged: z.number().nullable(), isNew: z.boolean() }),
  ),
} as const;
