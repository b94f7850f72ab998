import type { TriageDatabase } from '@/lib/db/database';

/**
 * How long a creation that started (its `<kind>.write_started` audit row) holds off another tab's creation of the same
 * approved content: HubSpot has no idempotency key, so two POSTs would make two records.
 */
export const WRITE_LEASE_MS = 60_000;

/** Whether the newest audit event for this approved content is a creation started within the lease. */
export async function creationInProgress(db: TriageDatabase, subject: string, kind: 'task' | 'contact', approvalHash: string, now: number): Promise<boolean> {
  const events = (await db.audit.where('subject').equals(subject).toArray()).filter((a) => a.kind.startsWith(`${kind}.`) && 'approvalHash' in a.data && a.data.approvalHash === approvalHash);
  const last = events.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)).at(-1);
  return last?.kind === `${kind}.write_started` && now - last.at < WRITE_LEASE_MS;
}
