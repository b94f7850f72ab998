import type { Retrieval, RetrievedPassage } from '@/lib/schemas/sop';

/** A retrieval as `retrieve` would return it, for tests that start after retrieval. */
export function retrievalOf(passages: RetrievedPassage[], grounded = true): Retrieval {
  const groundingScore = grounded ? 0.9 : 0.1;
  return {
    // Each passage at the verdict's score unless it says otherwise, as retrieve() grades every passage it ranks.
    passages: passages.map((p) => ({ ...p, grounding: p.grounding ?? groundingScore })),
    grounded,
    groundingScore,
    floor: 0.5,
    basis: passages.length > 0 ? { relevance: groundingScore, categoryMatch: false, categoryConfidence: 0 } : null,
    sopLanguage: passages.length > 0 ? 'en' : null,
    bestScore: Math.max(0, ...passages.map((p) => p.score)),
    ms: 1,
  };
}
