import { pairKey, TextClassifier, type LabelledText } from './text-classifier';

/**
 * A rep's correction says which two categories the model confuses: the corrected one and the one the model still
 * ranks next to it. For each such pair the background trains a small model on the two categories' examples alone,
 * and the main model leaves the split between the two to it wherever it is torn between them (TextClassifier's
 * deferToSpecialist). So a correction improves other messages of the same confusion, not only near-copies of the
 * corrected text.
 *
 * Measured on 5 development folds of banking77's train.csv (every 5th item held out, the first 50 held-out errors in
 * arrival order corrected, scored on the other held-out items; test.csv not used): deferring gained 12 held-out items
 * in all with 2^12-bucket specialists (-1, +6, 0, -1, +8), 7 with 2^14 and 9 with 2^16. Specialists built the same way
 * for 50 correctly classified items gained too (+8): the gain is the closer look at a confusable pair, and the
 * corrections are what point the model at the pairs that matter to the team. Through the bench's whole correction
 * path (bench/engine.ts on the same folds), corrections and retraining moved the other held-out items by +4, +6, -5,
 * +1, +10 with specialists and +4, +3, -2, 0, +3 without.
 */

/** 4,096 buckets: a two-label model takes 32 KB. */
export const SPECIALIST_BITS = 12;
/** At most this many pairs, those of the newest corrections: about 3 MB in all. */
export const MAX_SPECIALISTS = 100;

/** The pairs the corrections point at, newest correction first: each corrected label with its closest rival. */
export function confusedPairs(model: TextClassifier, corrections: readonly LabelledText[]): Array<[string, string]> {
  const pairs = new Map<string, [string, string]>();
  for (const { text, label } of corrections) {
    if (pairs.size >= MAX_SPECIALISTS) break;
    if (!model.labels.includes(label)) continue;
    const scores = model.predict(text).scores;
    const rival = model.labels.filter((l) => l !== label).reduce<string | null>((best, l) => (best === null || scores[l]! > scores[best]! ? l : best), null);
    if (rival !== null) pairs.set(pairKey(label, rival), [label, rival]);
  }
  return [...pairs.values()];
}

/** Trains a specialist for each pair the corrections point at, giving the event loop back as the main training does. */
export async function trainPairSpecialists(
  model: TextClassifier,
  corrections: readonly LabelledText[],
  examples: readonly LabelledText[],
  options: { sliceMs?: number } = {},
): Promise<Map<string, TextClassifier>> {
  const byLabel = new Map<string, LabelledText[]>();
  for (const e of examples) {
    const list = byLabel.get(e.label);
    if (list) list.push(e);
    else byLabel.set(e.label, [e]);
  }
  const specialists = new Map<string, TextClassifier>();
  for (const [a, b] of confusedPairs(model, corrections)) {
    const trained = await TextClassifier.trainInSlices([...(byLabel.get(a) ?? []), ...(byLabel.get(b) ?? [])], { bits: SPECIALIST_BITS, memoryCapacity: 0, ...options });
    // A pair with no examples of one side (a label only the memory knows) has nothing to learn from.
    if (trained.ok) specialists.set(pairKey(a, b), trained.value);
  }
  return specialists;
}
