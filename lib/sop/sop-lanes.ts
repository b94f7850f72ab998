import type { SopRow, TriageDatabase } from '@/lib/db/database';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { getSop, saveIndexSnapshot } from './library';
import type { SopIndex } from './sop-index';
import { appendAudit } from '@/lib/db/audit';

/**
 * Re-tagging an SOP to lanes: the current version's row and passages change in one transaction, then the index
 * re-indexes that SOP so lane-filtered retrieval follows at once. No new version: the text is unchanged.
 */
export async function setSopLanes(db: TriageDatabase, index: SopIndex, sopId: string, lanes: string[], now = Date.now()): Promise<Result<SopRow>> {
  const clean = [...new Set(lanes)].filter((lane) => /^[a-z0-9-]+$/.test(lane)).sort();
  const current = await getSop(db, sopId);
  if (!current) return fail('sop.not_found', `There is no SOP "${sopId}" to tag.`, 'Refresh the library list.');
  if (current.managed) return fail('sop.managed', `"${current.title}" is managed by your organisation's policy and is read-only here.`, 'Ask whoever manages the team bundle to change its lanes there.');
  try {
    await db.transaction('rw', [db.sops, db.passages, db.audit], async () => {
      await db.sops.update(current.id, { lanes: clean, updatedAt: now });
      await db.passages.where('sopId').equals(sopId).filter((p) => p.sopVersion === current.version).modify({ lanes: clean });
      await appendAudit(db, { kind: 'settings.changed', subject: null, lane: null, data: { sopLanes: { sopId, version: current.version, from: current.lanes, to: clean } } }, now);
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail('sop.storage_failed', `The lanes could not be saved (${reason.slice(0, 120)}). Nothing was changed.`, 'Try again.');
  }
  if (current.status === 'active') {
    const passages = await db.passages.where('sopId').equals(sopId).filter((p) => p.active === 1).toArray();
    index.removeSop(sopId);
    index.add(passages.map(({ active: _active, ...passage }) => passage));
    await saveIndexSnapshot(db, index, now);
  }
  return ok({ ...current, lanes: clean, updatedAt: now });
}
