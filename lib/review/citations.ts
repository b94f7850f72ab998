import type { Draft, DraftSentence } from '@/lib/schemas/draft';
import type { SentenceCheck } from '@/lib/schemas/review';
import { termsOf } from '@/lib/sop/text-terms';

/**
 * Checks a draft's claims against the passages it cites and against the library as it is now:
 * every citation must point at a passage of the draft, that passage must still be in force at that
 * SOP version, quoted spans must be in it, and the sentence must say what the passage says.
 */

/** The passage as the library holds it now; null when it is not in the library any more. */
export interface LibraryPassage {
  /** False when its SOP version was retired or superseded. */
  active: boolean;
  sopVersion: number;
  text: string;
}
export type PassageLookup = (passageId: string) => Promise<LibraryPassage | null> | LibraryPassage | null;

/** Share of a claim's content terms that must appear in the passages it cites. */
export const SUPPORT_THRESHOLD = 0.5;

/** Words the drafts use to lead into a claim: not part of what the claim asserts. */
const LEAD_IN_TERMS = new Set(termsOf('per our policy also in addition finally furthermore moreover note that gemäß unserer richtlinie außerdem zudem schließlich could you send us könnten sie uns bitte senden'));

const QUOTED = /[“"„«]([^”"“»]{3,})[”"“»]/g;

const normalise = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();

export function quotedSpans(sentence: string): string[] {
  return [...sentence.matchAll(QUOTED)].map((m) => m[1]!.trim()).filter((q) => q.length > 0);
}

/** Claims with fewer content terms than this must find every one of them in the passage: one shared word of two is no support. */
const SHORT_CLAIM_TERMS = 3;

/** Share of the sentence's content terms found in the passage text (1 when the sentence has none; 0 for a short claim missing any). */
export function supportScore(sentence: string, passageText: string): number {
  const claimed = [...new Set(termsOf(sentence).filter((t) => !LEAD_IN_TERMS.has(t)))];
  if (claimed.length === 0) return 1;
  const available = new Set(termsOf(passageText));
  const share = claimed.filter((t) => available.has(t)).length / claimed.length;
  return claimed.length < SHORT_CLAIM_TERMS && share < 1 ? 0 : share;
}

async function checkSentence(sentence: DraftSentence, index: number, draft: Draft, lookup: PassageLookup): Promise<SentenceCheck> {
  if (sentence.citations.length === 0) {
    return sentence.kind === 'claim' ? { index, status: 'unsupported', reason: 'no_citation' } : { index, status: 'supported' };
  }
  const texts: string[] = [];
  for (const n of sentence.citations) {
    const cited = draft.passages[n - 1];
    if (!cited) return { index, status: 'unsupported', reason: 'fabricated_citation', citation: n };
    const now = await lookup(cited.id);
    if (!now) return { index, status: 'unsupported', reason: 'passage_missing', citation: n };
    if (!now.active || now.sopVersion !== cited.sopVersion) return { index, status: 'unsupported', reason: 'retired_version', citation: n };
    texts.push(now.text);
  }
  const all = normalise(texts.join('\n'));
  if (quotedSpans(sentence.text).some((q) => !all.includes(normalise(q)))) return { index, status: 'unsupported', reason: 'quote_not_in_passage' };
  // A template's placeholders were filled from the thread (each fill has its quote): the rest must be the SOP's words.
  const asserted = draft.fills.reduce((text, fill) => text.split(fill.value).join(' '), sentence.text);
  if ((sentence.kind === 'claim' || sentence.kind === 'request') && supportScore(asserted, texts.join('\n')) < SUPPORT_THRESHOLD) {
    return { index, status: 'unsupported', reason: 'not_supported' };
  }
  return { index, status: 'supported' };
}

/** One check per sentence of the draft, in order. */
export async function verifyCitations(draft: Draft, lookup: PassageLookup): Promise<SentenceCheck[]> {
  return Promise.all(draft.sentences.map((s, i) => checkSentence(s, i, draft, lookup)));
}
