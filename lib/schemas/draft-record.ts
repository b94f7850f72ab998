import { z } from 'zod';
import { triageResultSchema } from './classification';
import { draftSchema } from './draft';
import { appErrorSchema } from './errors';
import { riskFlagSchema } from './lane';
import { retrievalSchema } from './sop';
import { lazySchema } from './lazy-schema';

/**
 * A draft and its review, persisted until a human resolves it (sent, discarded or rejected):
 * it survives tab closes and service-worker restarts.
 */
export const draftStatusSchema = lazySchema(() => z.enum([
  'generating',
  'ready',
  'interrupted',
  'failed',
  'inserted',
  'sent',
  'discarded',
  'rejected',
]));
export type DraftStatus = z.infer<typeof draftStatusSchema>;
export const RESOLVED_DRAFT_STATUSES: readonly DraftStatus[] = ['sent', 'discarded', 'rejected'];

/** Reply to the sender only, or to everyone on the thread. */
export const replyModeSchema = lazySchema(() => z.enum(['reply', 'replyAll']));
export type ReplyMode = z.infer<typeof replyModeSchema>;

export const draftReviewSchema = lazySchema(() => z.object({
  /** The rep's text when it differs from the generated one; null means unedited. */
  editedText: z.string().max(20_000).nullable(),
  acknowledged: z.array(riskFlagSchema),
  unsupportedAcknowledged: z.boolean(),
  mode: replyModeSchema,
}));
export type DraftReview = z.infer<typeof draftReviewSchema>;

export const emptyReview: DraftReview = { editedText: null, acknowledged: [], unsupportedAcknowledged: false, mode: 'reply' };

export const draftRecordSchema = lazySchema(() => z.object({
  id: z.string(),
  subjectId: z.string(),
  lane: z.string(),
  engine: z.enum(['local', 'claude']),
  status: draftStatusSchema,
  triage: triageResultSchema,
  retrieval: retrievalSchema,
  /** Text streamed so far: what a restart leaves behind. */
  partialText: z.string(),
  draft: draftSchema.nullable(),
  review: draftReviewSchema,
  approval: z.object({ hash: z.string(), at: z.number(), text: z.string() }).nullable(),
  error: appErrorSchema.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
}));
export type DraftRecord = z.infer<typeof draftRecordSchema>;
