import { customerQuestions } from '@/lib/drafting/customer-questions';
import { clipAtWord, sentenceSpans, withoutPleasantries } from '@/lib/text/sentences';

/**
 * Two lines: the first salient sentence of the latest of the customer's open messages (lib/engine/local/thread-text.ts)
 * that asks something, then every request in it (a message may ask two things). A follow-up that asks nothing (the
 * invoice number, sent a minute later) does not hide the request; with no request, the latest message is summarised.
 */

const LINE = 190;

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function summarize(subject: string, customerTexts: readonly string[]): string {
  const asking = customerTexts.findLast((text) => customerQuestions(text).length > 0);
  const message = asking ?? customerTexts.at(-1) ?? '';
  const sentences = sentenceSpans(message).map(withoutPleasantries).filter((s) => s.length > 0).map(capitalised);
  const first = sentences[0] ?? subject;
  const asks = customerQuestions(message).map(capitalised);
  // The first sentence is shown already: as the only request it is repeated as the ask, otherwise the others are.
  const others = asks.length > 1 ? asks : asks.filter((a) => a !== first || asks.length === 1);
  const second =
    others.length === 0 ? `Subject: ${subject}` : `${others.length > 1 ? 'Asks' : 'Ask'}: ${others.map((a) => clipAtWord(a, Math.floor((LINE - 6) / others.length) - 3)).join(' · ')}`;
  return `${clipAtWord(first, LINE)}\n${clipAtWord(second, LINE)}`;
}
