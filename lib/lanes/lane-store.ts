import type { TriageDatabase } from '@/lib/db/database';
import type { Lane } from '@/lib/schemas/lane';
import { defaultLanes } from './default-lanes';
import { parseLanes } from './parse-lanes';

export const LANES_SETTING_KEY = 'lanes';

/** The lanes in force: the admin's own when they were saved and still validate, else the shipped defaults. */
export async function loadLanes(db: TriageDatabase): Promise<Lane[]> {
  const row = await db.settings.get(LANES_SETTING_KEY);
  if (!row) return defaultLanes;
  const parsed = parseLanes(row.value);
  return parsed.ok ? parsed.value : defaultLanes;
}
