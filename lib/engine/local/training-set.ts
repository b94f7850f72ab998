import type { TriageDatabase } from '@/lib/db/database';
import { categoryExamples, placedCategories } from '@/lib/lanes/taxonomy';
import type { Lane } from '@/lib/schemas/lane';
import type { LabelledText } from './text-classifier';
import { hash } from './text-features';

/** Bumped on every write to the examples table, so a model knows whether it saw the latest history and corrections. */
const EXAMPLES_REVISION_KEY = 'examples-revision';

export async function examplesRevision(db: TriageDatabase): Promise<number> {
  const row = await db.settings.get(EXAMPLES_REVISION_KEY);
  return typeof row?.value === 'number' ? row.value : 0;
}

/** Call inside the transaction that changed the examples table. */
export async function bumpExamplesRevision(db: TriageDatabase): Promise<void> {
  await db.settings.put({ key: EXAMPLES_REVISION_KEY, value: (await examplesRevision(db)) + 1 });
}

/** A hash of the lanes' categories and examples: cheap enough to check on every classification. */
function hashLanes(lanes: readonly Lane[]): string {
  const parts = placedCategories(lanes).flatMap(({ category }) => [category.id, ...category.examples]);
  return hash(parts.join('\u0000')).toString(36);
}

/** What a model was trained on: the lanes' categories and examples, and the examples table's revision. */
export async function trainingFingerprint(db: TriageDatabase, lanes: readonly Lane[]): Promise<string> {
  return `${hashLanes(lanes)}:${await examplesRevision(db)}`;
}

/**
 * The local model's training data: each category's own examples, then the team's history and corrections for the
 * categories the lanes hold (rows of a category since removed stay stored, unused, until the admin clears them).
 */
export async function trainingExamples(db: TriageDatabase, lanes: readonly Lane[]): Promise<LabelledText[]> {
  const known = new Set(placedCategories(lanes).map((p) => p.category.id));
  const rows = await db.examples.toArray();
  return [...categoryExamples(lanes), ...rows.filter((r) => known.has(r.label)).map((r) => ({ text: r.text, label: r.label }))];
}
