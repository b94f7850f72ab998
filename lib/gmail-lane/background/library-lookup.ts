import type { TriageDatabase } from '@/lib/db/database';
import type { PassageLookup } from '@/lib/review/citations';

/** Looks a cited passage up in the library as it is now: gone, retired, superseded or in force. */
export function libraryLookup(db: TriageDatabase): PassageLookup {
  return async (passageId) => {
    const row = await db.passages.get(passageId);
    if (!row) return null;
    const sop = await db.sops.get(`${row.sopId}@${row.sopVersion}`);
    return { active: row.active === 1 && sop?.status === 'active', sopVersion: row.sopVersion, text: row.text };
  };
}
