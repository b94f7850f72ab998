import { describe, expect, it } from 'vitest';
import { TriageDatabase, type PendingRow } from '@/lib/db/database';
import { appendAudit } from '@/lib/db/audit';
import { deleteAllTables, purgeExpired } from '@/lib/db/retention';
import { loadRetentionDays, saveRetentionDays } from '@/lib/settings/retention-store';
import { libraryStatus, pendingCounts } from '@/lib/status/status-summary';

const DAY = 24 * 60 * 60 * 1000;
const NOW = 1_000 * DAY;
const OLD = NOW - 40 * DAY;
const RECENT = NOW - 5 * DAY;

const row = (id: string, kind: PendingRow['kind'], status: string, updatedAt: number): PendingRow => ({ id, kind, subject: `s-${id}`, status, createdAt: updatedAt, updatedAt, value: {} });

async function seeded() {
  const db = new TriageDatabase(`retention-${Math.random()}`);
  await db.pending.bulkAdd([
    row('old-sent', 'draft', 'sent', OLD),
    row('old-rejected-draft', 'draft', 'rejected', OLD),
    row('old-ready', 'draft', 'ready', OLD),
    row('old-interrupted', 'draft', 'interrupted', OLD),
    row('recent-sent', 'draft', 'sent', RECENT),
    row('old-written', 'proposal', 'written', OLD),
    row('old-pending', 'proposal', 'pending', OLD),
    row('old-conflict', 'proposal', 'conflict', OLD),
    row('old-consumed', 'handoff', 'consumed', OLD),
    row('old-waiting', 'handoff', 'waiting', OLD),
    row('old-created-task', 'task', 'created', OLD),
    row('old-pending-task', 'task', 'pending', OLD),
  ]);
  await appendAudit(db, { kind: 'thread.seen', subject: 'gmail:old', lane: null, data: {} }, OLD);
  await appendAudit(db, { kind: 'thread.seen', subject: 'gmail:new', lane: null, data: {} }, RECENT);
  await db.feedback.bulkAdd([
    { at: OLD, subject: 'gmail:old', field: 'draft', from: 'a', to: 'b', text: 'note' },
    { at: RECENT, subject: 'gmail:new', field: 'draft', from: 'a', to: 'b', text: 'note' },
  ]);
  await db.threads.bulkAdd([
    { id: 'gmail:old', subject: 'Old', firstSeen: OLD, lastTriaged: OLD },
    { id: 'gmail:triaged-lately', subject: 'Lately', firstSeen: OLD, lastTriaged: RECENT },
  ]);
  return db;
}

describe('retention', () => {
  it('deletes resolved work, audit rows, feedback and threads older than the period, never unresolved work', async () => {
    const db = await seeded();
    const report = await purgeExpired(db, 30, NOW);
    expect(report).toEqual({ pending: 5, audit: 1, feedback: 1, threads: 1 });
    expect((await db.pending.toArray()).map((r) => r.id).sort()).toEqual(['old-conflict', 'old-interrupted', 'old-pending', 'old-pending-task', 'old-ready', 'old-waiting', 'recent-sent']);
    expect((await db.audit.toArray()).map((r) => r.subject)).toEqual(['gmail:new']);
    expect((await db.threads.toArray()).map((t) => t.id)).toEqual(['gmail:triaged-lately']);
    expect(await pendingCounts(db)).toEqual({ drafts: 2, proposals: 3, handoffs: 1 });
  });

  it('a longer period keeps what a shorter one removes', async () => {
    const db = await seeded();
    expect(await purgeExpired(db, 60, NOW)).toEqual({ pending: 0, audit: 0, feedback: 0, threads: 0 });
    expect(await purgeExpired(db, 1, NOW)).toEqual({ pending: 6, audit: 2, feedback: 2, threads: 2 });
  });

  it('the setting defaults to 30 days and refuses what is not a whole number of days', async () => {
    const db = new TriageDatabase(`retention-${Math.random()}`);
    expect(await loadRetentionDays(db)).toBe(30);
    expect(await saveRetentionDays(db, 7)).toBe(7);
    expect(await loadRetentionDays(db)).toBe(7);
    await expect(saveRetentionDays(db, 0)).rejects.toThrow();
    await expect(saveRetentionDays(db, 2.5)).rejects.toThrow();
  });

  it('delete all local data empties every table', async () => {
    const db = await seeded();
    await db.sops.add({ id: 'a@1', sopId: 'a', title: 'A', version: 1, versionLabel: null, lanes: [], owner: '', effectiveDate: null, sourceName: 'a.md', sha256: 'x', bytes: 1, text: 'x', status: 'active', managed: false, updatedAt: RECENT, chunkCount: 1 });
    expect((await libraryStatus(db)).sops).toBe(1);
    await deleteAllTables(db);
    expect(await Promise.all(db.tables.map((t) => t.count()))).toEqual(db.tables.map(() => 0));
    expect(await libraryStatus(db)).toEqual({ sops: 0, passages: 0, updatedAt: null });
  });
});
