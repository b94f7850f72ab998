import { termsOf } from '@/lib/sop/text-terms';
import { sentenceSpans, withoutPleasantries } from '@/lib/text/sentences';

/**
 * The questions and requests in the customer's latest message, and whether a sentence of the reply answers each: one
 * is answered when a reply sentence shares most of its content terms (a cited claim or template line on the subject).
 * Clauses joined by a semicolon are separate requests ("change our invoice address; who is our account manager?").
 */

const QUESTION_START = /^(?:could|can|would|will|do|does|is|are|who|what|when|where|which|how|kindly|let us know|können|könnten|würden|ist|sind|wer|wann|wo|wie|welche)\b/i;
const REQUEST_WORDS = /(?<![\p{L}])(?:please(?! (?:find|see|note)\b)|could you|can you|would you|let me know|we need|i need|bitte(?! beachten\b)|können sie|könnten sie|merci de|pourriez-vous|por favor|podrían|graag|kunt u)(?![\p{L}])/iu;

/** A sentence or clause that asks something of us. */
export const isRequest = (s: string): boolean => /\?\s*$/.test(s) || QUESTION_START.test(s) || REQUEST_WORDS.test(s);

export function customerQuestions(latest: string): string[] {
  return sentenceSpans(latest)
    .flatMap((s) => s.split(/;\s+/))
    .map((s) => withoutPleasantries(s).trim())
    .filter((s) => s.length > 8 && isRequest(s));
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
