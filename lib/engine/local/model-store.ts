import type { TriageDatabase } from '@/lib/db/database';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { shippedModel } from './shipped-model';
import { TextClassifier } from './text-classifier';

/** Where the local engine's model, with everything reps taught it, is kept. */
export const LOCAL_MODEL_KEY = 'local-model';

function parseSaved(value: string): Result<TextClassifier> {
  try {
    return TextClassifier.fromJSON(JSON.parse(value));
  } catch {
    return fail('classifier_unreadable', 'The saved local model is damaged.', 'It is reset to the shipped model when the extension next starts; corrections taught since then are lost.');
  }
}

/** The saved model, or the shipped one when nothing was saved yet; a damaged saved model is an error. */
export async function loadLocalModel(db: TriageDatabase): Promise<Result<TextClassifier>> {
  const row = await db.blobs.get(LOCAL_MODEL_KEY);
  return row ? parseSaved(row.value) : ok(shippedModel());
}

/**
 * The model the background runs: the saved one; otherwise (nothing saved, or unreadable) the shipped one, saved
 * at once because training it costs a few hundred ms that a restarted worker should not pay again.
 */
export async function openLocalModel(db: TriageDatabase): Promise<TextClassifier> {
  const row = await db.blobs.get(LOCAL_MODEL_KEY);
  const saved = row ? parseSaved(row.value) : null;
  if (saved?.ok) return saved.value;
  const shipped = shippedModel();
  await saveLocalModel(db, shipped);
  return shipped;
}

export async function saveLocalModel(db: TriageDatabase, model: TextClassifier): Promise<void> {
  await db.blobs.put({ key: LOCAL_MODEL_KEY, value: JSON.stringify(model.toJSON()), updatedAt: Date.now() });
}
