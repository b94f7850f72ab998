import type { ExampleRow, TriageDatabase } from '@/lib/db/database';
import type { CorrectionExample } from '@/lib/engine/claude/prompt';
import { MAX_CORRECTION_EXAMPLES } from '@/lib/engine/claude/prompt';
import type { LabelledText } from './text-classifier';
import { bumpExamplesRevision } from './training-set';

/** The team's training data besides the lanes' examples: imported history and reps' corrections. */

/**
 * Stores a rep's correction. A newer correction of the same text replaces the older one, as in the model's memory
 * (TextClassifier.learn): otherwise removing the newer from History would leave the older in training unseen.
 */
export async function addCorrectionExample(db: TriageDatabase, text: string, label: string, at = Date.now()): Promise<void> {
  await db.transaction('rw', [db.examples, db.settings], async () => {
    await db.examples.where('source').equals('correction').filter((row) => row.text === text).delete();
    await db.examples.add({ text, label, source: 'correction', at });
    await bumpExamplesRevision(db);
  });
}

/** Reps' corrections, newest first, for the admin to review. */
export async function listCorrections(db: TriageDatabase, limit = 200): Promise<Array<ExampleRow & { id: number }>> {
  const rows = await db.examples.where('source').equals('correction').reverse().sortBy('at');
  // Stored rows always have their auto-incremented id.
  return rows.slice(0, limit) as Array<ExampleRow & { id: number }>;
}

/** Removes one correction from the training data; the removed row, or null when there is none by that id. */
export async function removeCorrectionExample(db: TriageDatabase, id: number): Promise<ExampleRow | null> {
  return db.transaction('rw', [db.examples, db.settings], async () => {
    const row = await db.examples.get(id);
    if (!row || row.source !== 'correction') return null;
    await db.examples.delete(id);
    await bumpExamplesRevision(db);
    return row;
  });
}

/** Replaces the imported history (corrections stay): an import is the team's whole export, not an addition. */
export async function replaceHistory(db: TriageDatabase, examples: readonly LabelledText[], at = Date.now()): Promise<void> {
  await db.transaction('rw', [db.examples, db.settings], async () => {
    await db.examples.where('source').equals('history').delete();
    await db.examples.bulkAdd(examples.map((e): ExampleRow => ({ text: e.text, label: e.label, source: 'history', at })));
    await bumpExamplesRevision(db);
  });
}

export async function clearHistory(db: TriageDatabase): Promise<number> {
  return db.transaction('rw', [db.examples, db.settings], async () => {
    const removed = await db.examples.where('source').equals('history').delete();
    await bumpExamplesRevision(db);
    return removed;
  });
}

/** How many stored examples each category has, by source. */
export async function exampleCounts(db: TriageDatabase): Promise<Array<{ label: string; history: number; corrections: number }>> {
  const counts = new Map<string, { label: string; history: number; corrections: number }>();
  await db.examples.each((row) => {
    const entry = counts.get(row.label) ?? { label: row.label, history: 0, corrections: 0 };
    if (row.source === 'history') entry.history++;
    else entry.corrections++;
    counts.set(row.label, entry);
  });
  return [...counts.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** The newest corrections, for Claude's classification request. */
export async function recentCorrections(db: TriageDatabase, limit = MAX_CORRECTION_EXAMPLES): Promise<CorrectionExample[]> {
  const rows = await db.examples.where('source').equals('correction').reverse().sortBy('at');
  return rows.slice(0, limit).map((r) => ({ text: r.text, category: r.label }));
}
