import { describe, expect, it } from 'vitest';
import { TriageDatabase } from '@/lib/db/database';
import { markSeen, markTriaged } from '@/lib/db/threads';
import { recentAudit } from '@/lib/db/audit';

describe('threads seen and the audit log', () => {
  it('records the first sighting once and keeps its time', async () => {
    const db = new TriageDatabase(`t-${Math.random()}`);
    expect(await markSeen(db, 'gmail:abc', 'Refund', 1000)).toEqual({ firstSeen: 1000, lastTriaged: null, isNew: true });
    expect(await markSeen(db, 'gmail:abc', 'Re: Refund', 2000)).toEqual({ firstSeen: 1000, lastTriaged: null, isNew: false });
    await markTriaged(db, 'gmail:abc', 3000);
    expect(await db.threads.get('gmail:abc')).toEqual({ id: 'gmail:abc', subject: 'Re: Refund', firstSeen: 1000, lastTriaged: 3000 });
    const audit = await recentAudit(db, 10);
    expect(audit.map((r) => [r.kind, r.subject])).toEqual([['thread.seen', 'gmail:abc']]);
  });

  it('upgrades a version-1 database to the current schema without losing rows', async () => {
    const name = `v1-${Math.random()}`;
    const { default: Dexie } = await import('dexie');
    const v1 = new Dexie(name);
    v1.version(1).stores({ settings: 'key', threads: 'id, lastTriaged', audit: '++seq, at, kind, subject' });
    await v1.table('threads').add({ id: 'gmail:old', subject: 'Old', firstSeen: 5, lastTriaged: null });
    v1.close();
    const db = new TriageDatabase(name);
    expect(await db.threads.get('gmail:old')).toMatchObject({ subject: 'Old' });
    expect(await db.pending.count()).toBe(0);
  });
});
