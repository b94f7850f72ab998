import { placedCategories } from '@/lib/lanes/taxonomy';
import { categorySchema, type Lane } from '@/lib/schemas/lane';
import type { HistoryFile } from './history-file';

export interface HistoryCategory {
  id: string;
  label: string;
  examples: number;
  /** The lane holding it now; null for a category the lanes do not have yet. */
  lane: string | null;
  /** The lane the file names for it, when it names one the admin has. */
  fileLane: string | null;
}

/** Every category the file uses, with its count and where it sits in the lanes (if anywhere). */
export function historyCategories(file: HistoryFile, lanes: readonly Lane[]): HistoryCategory[] {
  const placed = new Map(placedCategories(lanes).map((p) => [p.category.id, p.lane.id]));
  const laneIds = new Set(lanes.map((l) => l.id));
  const byId = new Map<string, HistoryCategory>();
  for (const e of file.examples) {
    const entry = byId.get(e.category) ?? { id: e.category, label: e.label, examples: 0, lane: placed.get(e.category) ?? null, fileLane: null };
    entry.examples++;
    if (e.lane && laneIds.has(e.lane)) entry.fileLane ??= e.lane;
    byId.set(e.category, entry);
  }
  return [...byId.values()].sort((a, b) => b.examples - a.examples || a.id.localeCompare(b.id));
}

/**
 * The lanes with the file's new categories added: each to the lane the file names for it, else to `laneId`.
 * A new category starts with the file's label, the lane's escalation target as owner, and no examples of its own
 * (the history is its examples); the admin refines it in the lane editor.
 */
export function withHistoryCategories(lanes: readonly Lane[], categories: readonly HistoryCategory[], laneId: string): Lane[] {
  const added = categories.filter((c) => c.lane === null);
  return lanes.map((lane) => {
    const mine = added.filter((c) => (c.fileLane ?? laneId) === lane.id);
    if (mine.length === 0) return lane;
    const fresh = mine.map((c) => categorySchema.parse({ id: c.id, label: c.label, intent: c.label.toLowerCase(), owner: lane.failureFeedback.escalateTo }));
    return { ...lane, categories: [...lane.categories, ...fresh] };
  });
}
