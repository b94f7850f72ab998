import { customerQuestions } from '@/lib/drafting/customer-questions';
import { sentenceSpans, withoutPleasantries } from '@/lib/text/sentences';

/** Two lines: the first salient sentence of the latest message, then every request in it (a message may ask two things). */

const LINE = 190;

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** At most `max` characters, cut at a word boundary, never inside a word. */
const clip = (s: string, max = LINE) => (s.length <= max ? s : `${s.slice(0, max).replace(/\s+\S*$/, '')}…`);

export function summarize(subject: string, latestMessage: string): string {
  const sentences = sentenceSpans(latestMessage).map(withoutPleasantries).filter((s) => s.length > 0).map(capitalised);
  const first = sentences[0] ?? subject;
  const asks = customerQuestions(latestMessage).map(capitalised);
  // The first sentence is shown already: as the only request it is repeated as the ask, otherwise the others are.
  const others = asks.length > 1 ? asks : asks.filter((a) => a !== first || asks.length === 1);
  const second =
    others.length === 0 ? `Subject: ${subject}` : `${others.length > 1 ? 'Asks' : 'Ask'}: ${others.map((a) => clip(a, Math.floor((LINE - 6) / others.length) - 3)).join(' · ')}`;
  return `${clip(first)}\n${clip(second)}`;
}
