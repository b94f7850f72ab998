import type { TriageDatabase } from '@/lib/db/database';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { TextClassifier } from './text-classifier';

/** Where the local engine's model, with the corrections reps taught it, is kept. */
export const LOCAL_MODEL_KEY = 'local-model';

export interface SavedModel {
  classifier: TextClassifier;
  /** What it was trained on (trainingFingerprint); null for a model saved before fingerprints, always retrained. */
  fingerprint: string | null;
}

function parseSaved(value: unknown): Result<SavedModel> {
  try {
    if (typeof value !== 'string') throw new Error('not a saved model');
    const json = JSON.parse(value) as unknown;
    const wrapped = typeof json === 'object' && json !== null && 'classifier' in json;
    const classifier = TextClassifier.fromJSON(wrapped ? (json as { classifier: unknown }).classifier : json);
    if (!classifier.ok) return classifier;
    const fingerprint = wrapped ? (json as { fingerprint?: unknown }).fingerprint : null;
    return ok({ classifier: classifier.value, fingerprint: typeof fingerprint === 'string' ? fingerprint : null });
  } catch {
    return fail('classifier_unreadable', 'The saved local model is damaged.', 'It is trained again from your lanes and history; corrections since the last save are relearnt from the stored examples.');
  }
}

/** The saved model, null when nothing was saved yet; a damaged one is an error. */
export async function loadLocalModel(db: TriageDatabase): Promise<Result<SavedModel | null>> {
  const row = await db.blobs.get(LOCAL_MODEL_KEY);
  return row ? parseSaved(row.value) : ok(null);
}

export async function saveLocalModel(db: TriageDatabase, model: SavedModel): Promise<void> {
  await db.blobs.put({ key: LOCAL_MODEL_KEY, value: JSON.stringify({ fingerprint: model.fingerprint, classifier: model.classifier.toJSON() }), updatedAt: Date.now() });
}
