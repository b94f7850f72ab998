import { z } from 'zod';
import { lazySchema } from './lazy-schema';

/** Why a sentence of a draft is not supported by the passages it cites. */
export const unsupportedReasonSchema = lazySchema(() => z.enum([
  'no_citation', // a claim that cites nothing
  'fabricated_citation', // [n] with no passage n in the draft
  'passage_missing', // the cited passage is not in the library
  'retired_version', // the cited SOP version was retired or superseded
  'quote_not_in_passage', // quoted text that no cited passage contains
  'not_supported', // the cited passages do not say what the sentence says
]));
export type UnsupportedReason = z.infer<typeof unsupportedReasonSchema>;

export const sentenceCheckSchema = lazySchema(() => z.discriminatedUnion('status', [
  z.object({ index: z.number().int().nonnegative(), status: z.literal('supported') }),
  z.object({ index: z.number().int().nonnegative(), status: z.literal('unsupported'), reason: unsupportedReasonSchema, citation: z.number().int().optional() }),
]));
export type SentenceCheck = z.infer<typeof sentenceCheckSchema>;

/** Why a rep rejected a draft: feedback for learning and for the SOP gaps report. */
export const rejectReasonSchema = lazySchema(() => z.enum(['wrong_category', 'wrong_policy', 'tone', 'other']));
export type RejectReason = z.infer<typeof rejectReasonSchema>;
