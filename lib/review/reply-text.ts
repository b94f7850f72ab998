import { type Draft, draftText } from '@/lib/schemas/draft';
import type { DraftRecord } from '@/lib/schemas/draft-record';

/**
 * The text a rep reviews and may insert. Escalation lines are notes to the rep ("[[Escalated to…]]"),
 * never words for the customer, so they stay out of the reply.
 */
export function replyText(draft: Draft): string {
  return draftText({ sentences: draft.sentences.filter((s) => s.kind !== 'escalation') }).trim();
}

/** What the review box holds: the rep's edit when there is one, else the generated reply. */
export function reviewedText(record: DraftRecord): string {
  return record.review.editedText ?? (record.draft ? replyText(record.draft) : '');
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Whether a sentence of the draft is still in the text (edited away when not). */
export const stillContains = (text: string, sentence: string): boolean => {
  const s = squash(sentence);
  return s.length > 0 && squash(text).includes(s);
};
