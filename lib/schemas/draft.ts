import { z } from 'zod';
import { retrievedPassageSchema } from './sop';
import { lazySchema } from './lazy-schema';

export const draftSentenceSchema = lazySchema(() => z.object({
  text: z.string(),
  /** 1-based indexes into the draft's passages. Empty for greeting, closing, placeholder and escalation lines. */
  citations: z.array(z.number().int().positive()),
  /** 'request': asks the customer for something the thread does not give. */
  kind: z.enum(['greeting', 'claim', 'request', 'placeholder', 'escalation', 'closing']),
}));
export type DraftSentence = z.infer<typeof draftSentenceSchema>;

/** A placeholder of a reply template filled from the thread, with the sentence that gave the value. */
export const placeholderFillSchema = lazySchema(() => z.object({ placeholder: z.string(), value: z.string(), quote: z.string() }));
export type PlaceholderFill = z.infer<typeof placeholderFillSchema>;

/**
 * One line of the rep's checklist: an SOP instruction to the agent (never reply text), an item the SOP says to ask
 * for that the thread already supplies (with the quote), the rule the facts decided, or a question left unanswered.
 */
export const checklistItemSchema = lazySchema(() => z.object({
  kind: z.enum(['instruction', 'supplied', 'asked', 'rule', 'unanswered']),
  text: z.string(),
  quote: z.string().nullable(),
  /** 1-based index into the draft's passages. */
  citation: z.number().int().positive().nullable(),
}));
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

/** What the post-checks found in a draft, whichever engine wrote it: shown to the rep as review notes. */
export const reviewNoteSchema = lazySchema(() => z.object({
  /** 'unsupported_detail': a link, address, phone, account number or amount in neither the thread nor a cited passage; it holds Insert like an unsupported sentence. */
  kind: z.enum(['agent_instruction', 'asks_for_given', 'unfilled_placeholder', 'unsupported', 'unsupported_detail', 'unanswered_question', 'human_decision', 'wrong_language']),
  /** Index of the draft sentence concerned, when one is. */
  sentence: z.number().int().nonnegative().nullable(),
  detail: z.string(),
  quote: z.string().nullable(),
}));
export type ReviewNote = z.infer<typeof reviewNoteSchema>;

export const draftSchema = lazySchema(() => z.object({
  sentences: z.array(draftSentenceSchema),
  passages: z.array(retrievedPassageSchema),
  /** True when the SOPs did not cover the question: the draft is a holding reply and the thread escalates. */
  abstained: z.boolean(),
  escalateTo: z.string().nullable(),
  /** The reply template used (its passage id and label), when one fitted. */
  template: z.object({ passageId: z.string(), label: z.string(), language: z.string() }).nullable().default(null),
  fills: z.array(placeholderFillSchema).default([]),
  checklist: z.array(checklistItemSchema).default([]),
  notes: z.array(reviewNoteSchema).default([]),
}));
export type Draft = z.infer<typeof draftSchema>;

export const draftText = (draft: Pick<Draft, 'sentences'>): string =>
  draft.sentences.map((s) => s.text).join(' ').replace(/ ?\n ?/g, '\n');
