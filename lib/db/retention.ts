import { RESOLVED_DRAFT_STATUSES, type DraftStatus } from '@/lib/schemas/draft-record';
import { RESOLVED_HANDOFF_STATUSES, RESOLVED_PROPOSAL_STATUSES, type HandoffPacket, type ProposalStatus } from '@/lib/schemas/proposal';
import type { PurgeReport } from '@/lib/schemas/status';
import { RESOLVED_CONTACT_STATUSES, RESOLVED_TASK_STATUSES, type ContactRow, type TaskRow } from '@/lib/schemas/hubspot';
import { dropAuditBefore } from './audit';
import type { PendingRow, TriageDatabase } from './database';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Resolved means a human closed it; unresolved work is never purged, however old (it waits for a person). */
export function isResolved(row: Pick<PendingRow, 'kind' | 'status'>): boolean {
  if (row.kind === 'draft') return RESOLVED_DRAFT_STATUSES.includes(row.status as DraftStatus);
  if (row.kind === 'proposal') return RESOLVED_PROPOSAL_STATUSES.includes(row.status as ProposalStatus);
  if (row.kind === 'task') return RESOLVED_TASK_STATUSES.includes(row.status as TaskRow['status']);
  if (row.kind === 'contact') return RESOLVED_CONTACT_STATUSES.includes(row.status as ContactRow['status']);
  return RESOLVED_HANDOFF_STATUSES.includes(row.status as HandoffPacket['status']);
}

/**
 * The retention setting, enforced: resolved drafts, proposals and handoffs last changed before the cutoff, audit rows,
 * feedback notes and seen-thread rows (subject lines) older than it are deleted. The SOP library, settings and the
 * local engine's model are kept.
 */
export async function purgeExpired(db: TriageDatabase, days: number, now = Date.now()): Promise<PurgeReport> {
  const cutoff = now - days * DAY_MS;
  return db.transaction('rw', [db.pending, db.audit, db.feedback, db.threads], async () => {
    const pending = await db.pending
      .where('updatedAt')
      .below(cutoff)
      .filter((row) => isResolved(row))
      .delete();
    const audit = await dropAuditBefore(db, cutoff);
    const feedback = await db.feedback.where('at').below(cutoff).delete();
    const threads = await db.threads.filter((t) => Math.max(t.firstSeen, t.lastTriaged ?? 0) < cutoff).delete();
    return { pending, audit, feedback, threads };
  });
}

/** "Delete all local data": every table of the extension's database, emptied at once. */
export async function deleteAllTables(db: TriageDatabase): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((table) => table.clear()));
  });
}
