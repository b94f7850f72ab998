import type { TriageDatabase } from './database';
import { appendAudit } from './audit';

/** Records that a thread or record was opened; the first sighting is audited. */
export async function markSeen(db: TriageDatabase, id: string, subject: string, now = Date.now()) {
  return db.transaction('rw', db.threads, db.audit, async () => {
    const existing = await db.threads.get(id);
    if (existing) {
      if (existing.subject !== subject) await db.threads.update(id, { subject });
      return { firstSeen: existing.firstSeen, lastTriaged: existing.lastTriaged, isNew: false };
    }
    await db.threads.add({ id, subject, firstSeen: now, lastTriaged: null });
    await appendAudit(db, { kind: 'thread.seen', subject: id, lane: null, data: {} }, now);
    return { firstSeen: now, lastTriaged: null, isNew: true };
  });
}

export async function markTriaged(db: TriageDatabase, id: string, now = Date.now()) {
  await db.threads.update(id, { lastTriaged: now });
}
