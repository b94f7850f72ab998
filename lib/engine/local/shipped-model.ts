import { TextClassifier } from './text-classifier';
import { trainingExamples } from './training-data';

let shipped: TextClassifier | null = null;

/**
 * The model trained on the shipped examples. Training is deterministic and takes well under a second,
 * so it is trained on first use rather than shipped as weights; callers get their own copy to teach.
 */
export function shippedModel(): TextClassifier {
  if (!shipped) {
    const trained = TextClassifier.train(trainingExamples);
    // The shipped examples cover many categories, so training cannot fail short of a programming error.
    if (!trained.ok) throw new Error(trained.error.message);
    shipped = trained.value;
  }
  const copy = TextClassifier.fromJSON(shipped.toJSON());
  if (!copy.ok) throw new Error(copy.error.message);
  return copy.value;
}
