import { z } from 'zod';
import { rejectReasonSchema, sentenceCheckSchema } from '@/lib/schemas/review';
import { draftRecordSchema, draftReviewSchema, replyModeSchema } from '@/lib/schemas/draft-record';
import { riskFlagSchema } from '@/lib/schemas/lane';
import { handoffPacketSchema } from '@/lib/schemas/proposal';
import { def, subjectIdSchema } from '../define';
import { lazySchema } from '@/lib/schemas/lazy-schema';

const draftIdSchema = lazySchema(() => z.string().min(1).max(100));
const replyTextSchema = lazySchema(() => z.string().min(1).max(20_000));

/** Reviewing a draft in the panel, inserting it into Gmail, and what the rep did with it. */
export const draftMessages = {
  /** Each sentence checked against its cited passages and the library now, and the ticks the gate asks for. */
  'draft.verify': def(
    'gmail',
    () => z.object({ draftId: draftIdSchema }),
    () => z.object({ checks: z.array(sentenceCheckSchema), required: z.array(riskFlagSchema) }),
  ),
  /** The rep's edits and ticks, saved as they go so a reopened thread shows them again. */
  'draft.saveReview': def('gmail', () => z.object({ draftId: draftIdSchema, review: draftReviewSchema }), () => draftRecordSchema),
  /** Re-checks the gate and binds the approval to the hash of exactly this text. */
  'draft.approve': def(
    'gmail',
    () => z.object({
      draftId: draftIdSchema,
      subjectId: subjectIdSchema,
      text: replyTextSchema,
      mode: replyModeSchema,
      acknowledged: z.array(riskFlagSchema),
      unsupportedAcknowledged: z.boolean(),
    }),
    () => z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/), record: draftRecordSchema }),
  ),
  'draft.inserted': def('gmail', () => z.object({ draftId: draftIdSchema, hash: z.string().regex(/^[0-9a-f]{64}$/) }), () => draftRecordSchema),
  /** The rep pressed Send in Gmail on the inserted reply. */
  'draft.sent': def('gmail', () => z.object({ draftId: draftIdSchema, finalText: z.string().max(50_000) }), () => z.object({ editRatio: z.number().min(0).max(1), record: draftRecordSchema })),
  /** The rep discarded Gmail's reply that held the inserted draft. */
  'draft.discarded': def('gmail', () => z.object({ draftId: draftIdSchema }), () => draftRecordSchema),
  'draft.reject': def(
    'gmail',
    () => z.object({ draftId: draftIdSchema, reason: rejectReasonSchema, note: z.string().max(1000).optional() }),
    () => draftRecordSchema,
  ),
  /** The handoff packet a lead or RFQ thread produced, waiting for the rep to open the record in HubSpot. */
  'handoff.forSubject': def('gmail', () => z.object({ subjectId: subjectIdSchema }), () => handoffPacketSchema.nullable()),
} as const;
