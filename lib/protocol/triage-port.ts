import { z } from 'zod';
import { triageResultSchema } from '@/lib/schemas/classification';
import { draftRecordSchema } from '@/lib/schemas/draft-record';
import { appErrorSchema } from '@/lib/schemas/errors';
import { retrievalSchema } from '@/lib/schemas/sop';
import { triageInputSchema } from '@/lib/schemas/triage-input';
import { subjectIdSchema } from './define';
import { lazySchema } from '@/lib/schemas/lazy-schema';

/** Triage of one open thread streams over a runtime.Port: classification, passages, then the draft as it is written. */
export const TRIAGE_PORT = 'triage';

export const triageClientMessageSchema = lazySchema(() => z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    subjectId: subjectIdSchema,
    input: triageInputSchema,
    /** What to do with an existing unresolved draft: keep it (default), continue an interrupted one, or replace it. */
    draftMode: z.enum(['restore', 'continue', 'regenerate']),
  }),
]));
export type TriageClientMessage = z.infer<typeof triageClientMessageSchema>;

export const triageServerMessageSchema = lazySchema(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('classified'), result: triageResultSchema }),
  z.object({ type: z.literal('engineError'), engine: z.enum(['local', 'claude']), error: appErrorSchema }),
  z.object({ type: z.literal('retrieved'), retrieval: retrievalSchema }),
  z.object({ type: z.literal('draft'), record: draftRecordSchema }),
  z.object({ type: z.literal('draftDelta'), id: z.string(), delta: z.string() }),
  z.object({ type: z.literal('error'), stage: z.enum(['classify', 'retrieve', 'draft']), error: appErrorSchema }),
]));
export type TriageServerMessage = z.infer<typeof triageServerMessageSchema>;
