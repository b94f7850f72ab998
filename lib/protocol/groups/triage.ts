import { z } from 'zod';
import { triageInputSchema } from '@/lib/schemas/triage-input';
import { def, subjectIdSchema } from '../define';

export const correctableFieldSchema = z.enum(['category', 'urgency', 'owner']);

export const triageMessages = {
  /** A rep's correction: recorded as feedback for the KPIs; a category teaches the local engine. */
  'triage.correct': def(
    'content',
    z.object({
      subjectId: subjectIdSchema,
      field: correctableFieldSchema,
      from: z.string().max(200),
      to: z.string().min(1).max(200),
      input: triageInputSchema,
    }),
    z.object({ learnt: z.boolean(), retrainMs: z.number().nullable() }),
  ),
} as const;
