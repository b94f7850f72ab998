import { appendAudit } from '@/lib/db/audit';
import type { TriageDatabase } from '@/lib/db/database';
import { replaceHistory } from '@/lib/engine/local/examples-store';
import { loadLanes, saveLanes } from '@/lib/lanes/lane-store';
import { placedCategories } from '@/lib/lanes/taxonomy';
import { ok, type Result } from '@/lib/schemas/errors';
import { historyCategories, withHistoryCategories } from './history-categories';
import type { HistoryFile } from './history-file';

/**
 * Makes the file the team's history: its new categories join a lane first when the admin chose one (a new version
 * of the lanes), then its examples of categories the lanes hold replace the stored history. The background's keeper
 * sees the change and retrains; examples of categories left out are not stored.
 */
export async function applyHistory(db: TriageDatabase, file: HistoryFile, addNewTo: string | null): Promise<Result<{ stored: number; categories: number; added: number }>> {
  let lanes = await loadLanes(db);
  const categories = historyCategories(file, lanes);
  const fresh = categories.filter((c) => c.lane === null);
  if (addNewTo !== null && fresh.length > 0) {
    const saved = await saveLanes(db, withHistoryCategories(lanes, categories, addNewTo), 'editor');
    if (!saved.ok) return saved;
    lanes = saved.value.lanes;
  }
  const known = new Set(placedCategories(lanes).map((p) => p.category.id));
  const examples = file.examples.filter((e) => known.has(e.category)).map((e) => ({ text: e.text, label: e.category }));
  await replaceHistory(db, examples);
  const stored = new Set(examples.map((e) => e.label)).size;
  await appendAudit(db, { kind: 'history.imported', subject: null, lane: null, data: { examples: examples.length, categories: stored, source: file.source } });
  return ok({ stored: examples.length, categories: stored, added: addNewTo !== null ? fresh.length : 0 });
}
