import { appendAudit } from '@/lib/db/audit';
import type { LaneVersionRow, TriageDatabase } from '@/lib/db/database';
import type { Result } from '@/lib/schemas/errors';
import { ok } from '@/lib/schemas/errors';
import type { Lane } from '@/lib/schemas/lane';
import { defaultLanes } from './default-lanes';
import { parseLanes } from './parse-lanes';

export const LANES_SETTING_KEY = 'lanes';

/** The lanes in force: the admin's own when they were saved and still validate, else the starter template. */
export async function loadLanes(db: TriageDatabase): Promise<Lane[]> {
  const row = await db.settings.get(LANES_SETTING_KEY);
  if (!row) return defaultLanes;
  const parsed = parseLanes(row.value);
  return parsed.ok ? parsed.value : defaultLanes;
}

/**
 * Validates and saves a new version of the lanes: the one in force, one more row in their history, one audit
 * event. Invalid lanes are refused with the field to fix and nothing changes.
 */
export async function saveLanes(db: TriageDatabase, lanes: unknown, source: LaneVersionRow['source'], at = Date.now()): Promise<Result<{ version: number; lanes: Lane[] }>> {
  const parsed = parseLanes(lanes);
  if (!parsed.ok) return parsed;
  return db.transaction('rw', [db.settings, db.laneVersions, db.audit], async () => {
    const last = await db.laneVersions.orderBy('version').last();
    const version = (last?.version ?? 0) + 1;
    await db.laneVersions.add({ version, at, source, lanes: parsed.value });
    await db.settings.put({ key: LANES_SETTING_KEY, value: parsed.value });
    await appendAudit(db, { kind: 'lanes.changed', subject: null, lane: null, data: { version, source, lanes: parsed.value.map((l) => l.id) } });
    return ok({ version, lanes: parsed.value });
  });
}
