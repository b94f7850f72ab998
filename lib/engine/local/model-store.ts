import type { TriageDatabase } from '@/lib/db/database';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { shippedModel } from './shipped-model';
import { TextClassifier } from './text-classifier';

/** Where the local engine's model, with everything reps taught it, is kept. */
export const LOCAL_MODEL_KEY = 'local-model';

/** The saved model, or the shipped one when nothing was saved yet. */
export async function loadLocalModel(db: TriageDatabase): Promise<Result<TextClassifier>> {
  const row = await db.blobs.get(LOCAL_MODEL_KEY);
  if (!row) return ok(shippedModel());
  let json: unknown;
  try {
    json = JSON.parse(row.value);
  } catch {
    return fail('classifier_unreadable', 'The saved local model is damaged.', 'Reset the local model in the options page; it will be retrained from the shipped examples.');
  }
  return TextClassifier.fromJSON(json);
}

export async function saveLocalModel(db: TriageDatabase, model: TextClassifier): Promise<void> {
  await db.blobs.put({ key: LOCAL_MODEL_KEY, value: JSON.stringify(model.toJSON()), updatedAt: Date.now() });
}

/** Forgets every correction: the next load gives the shipped model. */
export async function resetLocalModel(db: TriageDatabase): Promise<void> {
  await db.blobs.delete(LOCAL_MODEL_KEY);
}
