import { termsOf } from '@/lib/sop/text-terms';
import { sentenceSpans, withoutPleasantries } from '@/lib/text/sentences';

/**
 * The questions in the customer's latest message, and whether a sentence of the reply answers each: a question is
 * answered when a reply sentence shares most of its content terms (a cited claim or template line on the subject).
 */

const ASKING = /\?\s*$|^(?:could|can|would|will|do|does|is|are|please (?:confirm|advise|let us know|tell)|kindly|let us know|können|könnten|würden|ist|sind|bitte (?:teilen|bestätigen|nennen))\b/i;

export function customerQuestions(latest: string): string[] {
  return sentenceSpans(latest)
    .map(withoutPleasantries)
    .filter((s) => s.length > 8 && ASKING.test(s));
}

/** Share of the question's content terms a reply sentence holds (0–1). */
function overlap(question: string, sentence: string): number {
  const asked = termsOf(question);
  if (asked.length === 0) return 0;
  const said = new Set(termsOf(sentence));
  return asked.filter((t) => said.has(t)).length / asked.length;
}

export const ANSWER_OVERLAP = 0.5;

/** The reply sentence that answers a question best, when one answers it. */
export function answerTo(question: string, replySentences: readonly string[]): string | null {
  let best: { s: string; score: number } | null = null;
  for (const s of replySentences) {
    const score = overlap(question, s);
    if (!best || score > best.score) best = { s, score };
  }
  return best && best.score >= ANSWER_OVERLAP ? best.s : null;
}
