import { z } from 'zod';
import { retrievedPassageSchema } from './sop';

export const draftSentenceSchema = z.object({
  text: z.string(),
  /** 1-based indexes into the draft's passages. Empty for greeting, closing, placeholder and escalation lines. */
  citations: z.array(z.number().int().positive()),
  kind: z.enum(['greeting', 'claim', 'placeholder', 'escalation', 'closing']),
});
export type DraftSentence = z.infer<typeof draftSentenceSchema>;

export const draftSchema = z.object({
  sentences: z.array(draftSentenceSchema),
  passages: z.array(retrievedPassageSchema),
  /** True when the SOPs did not cover the question: the draft is a holding reply and the thread escalates. */
  abstained: z.boolean(),
  escalateTo: z.string().nullable(),
});
export type Draft = z.infer<typeof draftSchema>;

export const draftText = (draft: Pick<Draft, 'sentences'>): string =>
  draft.sentences.map((s) => s.text).join(' ').replace(/ ?\n ?/g, '\n');
