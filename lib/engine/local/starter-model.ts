import { defaultLanes } from '@/lib/lanes/default-lanes';
import { categoryExamples } from '@/lib/lanes/taxonomy';
import { TextClassifier } from './text-classifier';

let starter: TextClassifier | null = null;

/**
 * The model trained on the starter lanes' examples, for tests and benches that need the product's out-of-the-box
 * behaviour without a database; the background trains on the lanes in force instead. Callers get their own copy.
 */
export function starterModel(): TextClassifier {
  if (!starter) {
    const trained = TextClassifier.train(categoryExamples(defaultLanes));
    // The starter lanes hold thirteen categories with examples, so training cannot fail short of a programming error.
    if (!trained.ok) throw new Error(trained.error.message);
    starter = trained.value;
  }
  const copy = TextClassifier.fromJSON(starter.toJSON());
  if (!copy.ok) throw new Error(copy.error.message);
  return copy.value;
}
