import { z } from 'zod';
import { triageInputSchema } from '@/lib/schemas/triage-input';
import { appErrorSchema } from '@/lib/schemas/errors';
import { routingSchema } from '@/lib/schemas/classification';
import { def, subjectIdSchema } from '../define';
import { lazySchema } from '@/lib/schemas/lazy-schema';

export const correctableFieldSchema = lazySchema(() => z.enum(['category', 'urgency', 'owner']));

export const triageMessages = {
  /** A rep's correction: recorded as feedback for the KPIs; a category teaches the local engine. */
  'triage.correct': def(
    'gmail',
    () => z.object({
      subjectId: subjectIdSchema,
      field: correctableFieldSchema,
      from: z.string().max(200),
      to: z.string().min(1).max(200),
      input: triageInputSchema,
    }),
    /** problem: why a category correction was not learnt (it is still recorded). */
    () => z.object({ learnt: z.boolean(), retrainMs: z.number().nullable(), problem: appErrorSchema.nullable() }),
  ),
  /** A rep routes the thread to an owner or queue of the lanes (the suggestion or another): recorded and audited. */
  'triage.route': def(
    'gmail',
    () => z.object({ subjectId: subjectIdSchema, lane: z.string().max(100).nullable(), owner: z.string().min(1).max(200), suggested: z.string().max(200), by: z.string().max(200).nullable() }),
    () => routingSchema,
  ),
  /** An admin removes one rep's correction (options, History): the model forgets it and retrains without it. */
  'triage.removeCorrection': def('extension-page', () => z.object({ id: z.number().int().nonnegative() }), () => z.object({ forgotten: z.boolean() })),
  /** The lanes or the stored history changed (options page): start retraining the local model now, not at the next thread. */
  'triage.retrain': def('extension-page', () => z.object({}), () => z.object({ training: z.boolean() })),
  /** Token use and estimated cost of the Claude calls made for one thread. */
  'triage.usage': def(
    'gmail',
    () => z.object({ subjectId: subjectIdSchema }),
    () => z.object({
      calls: z.number(),
      input: z.number(),
      cacheRead: z.number(),
      cacheWrite: z.number(),
      output: z.number(),
      /** Null when a model's price is unknown. */
      costUsd: z.number().nullable(),
    }),
  ),
} as const;
