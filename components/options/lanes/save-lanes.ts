import type { LaneVersionRow, TriageDatabase } from '@/lib/db/database';
import { saveLanes } from '@/lib/lanes/lane-store';
import { send } from '@/lib/protocol/client';

/** Saves a new version of the lanes from the options page and has the background retrain on their categories now. */
export async function saveLanesAndRetrain(db: TriageDatabase, lanes: unknown, source: LaneVersionRow['source']): ReturnType<typeof saveLanes> {
  const saved = await saveLanes(db, lanes, source);
  // A failed start only delays the retraining to the next thread the panel opens; the save stands either way.
  if (saved.ok) await send('triage.retrain', {});
  return saved;
}
