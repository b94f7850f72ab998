import { TextClassifier, type LabelledText } from '@/lib/engine/local/text-classifier';

/** Under this many examples a category is flagged: a fold of five then holds one or two of it, too few to learn or judge. */
export const MIN_EXAMPLES_PER_CATEGORY = 10;

export interface CrossValidation {
  folds: number;
  examples: number;
  /** Share of held-out examples classified right, over all folds. */
  accuracy: number;
  perCategory: Array<{ category: string; examples: number; recall: number }>;
  /** The pairs most often mistaken for one another, most frequent first. */
  confused: Array<{ actual: string; predicted: string; count: number }>;
}

/** Folds by position within each category (stratified), so every fold holds each category in proportion. */
function foldOf(examples: readonly LabelledText[], folds: number): number[] {
  const seen = new Map<string, number>();
  return examples.map((e) => {
    const n = seen.get(e.label) ?? 0;
    seen.set(e.label, n + 1);
    return n % folds;
  });
}

/**
 * Stratified k-fold cross-validation of the local model on the team's history: how well the taxonomy can be learnt
 * from these examples, before the admin turns it on. Five folds; three above 3,000 examples, where a fold's training
 * takes seconds and the estimate is steady anyway.
 */
export function* crossValidate(examples: readonly LabelledText[]): Generator<{ fold: number; folds: number }, CrossValidation | null> {
  const labels = new Set(examples.map((e) => e.label));
  if (labels.size < 2) return null;
  const folds = examples.length > 3000 ? 3 : 5;
  const fold = foldOf(examples, folds);
  const hits = new Map<string, { examples: number; right: number }>();
  const mistakes = new Map<string, number>();
  let right = 0;
  let judged = 0;
  for (let k = 0; k < folds; k++) {
    yield { fold: k, folds };
    const train = examples.filter((_, i) => fold[i] !== k);
    const model = TextClassifier.train(train);
    if (!model.ok) continue;
    examples.forEach((e, i) => {
      if (fold[i] !== k) return;
      const predicted = model.value.predict(e.text).label;
      const entry = hits.get(e.label) ?? { examples: 0, right: 0 };
      entry.examples++;
      judged++;
      if (predicted === e.label) {
        entry.right++;
        right++;
      } else {
        const pair = `${e.label}\u0000${predicted}`;
        mistakes.set(pair, (mistakes.get(pair) ?? 0) + 1);
      }
      hits.set(e.label, entry);
    });
  }
  return {
    folds,
    examples: judged,
    accuracy: judged ? right / judged : 0,
    perCategory: [...hits.entries()].map(([category, h]) => ({ category, examples: h.examples, recall: h.right / h.examples })).sort((a, b) => a.recall - b.recall),
    confused: [...mistakes.entries()]
      .map(([pair, count]) => {
        const [actual, predicted] = pair.split('\u0000') as [string, string];
        return { actual, predicted, count };
      })
      .sort((a, b) => b.count - a.count)
      .slice(0, 5),
  };
}
