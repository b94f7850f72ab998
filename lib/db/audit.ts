import { auditEventSchema, type AuditEvent, type AuditRow } from '@/lib/schemas/audit';
import type { TriageDatabase } from './database';

/**
 * The audit log is append-only: this is the only writer, and it only adds (rows leave only when they are older than
 * the admin's retention period, through dropAuditBefore). Each event is checked against its
 * kind's schema, so nothing but ids, hashes and figures (never free text from mail) can be written.
 */
export async function appendAudit(db: TriageDatabase, event: AuditEvent, at = Date.now()): Promise<number> {
  const checked = auditEventSchema.parse(event);
  const seq = await db.audit.add({ ...checked, at });
  if (seq === undefined) throw new Error('audit append returned no sequence number');
  return seq;
}

export async function recentAudit(db: TriageDatabase, limit: number): Promise<Required<AuditRow>[]> {
  const rows = await db.audit.orderBy('seq').reverse().limit(limit).toArray();
  return rows.filter((r): r is Required<AuditRow> => r.seq !== undefined);
}

/** The retention period's side of the log: rows older than the cutoff go, nothing else is touched. */
export async function dropAuditBefore(db: TriageDatabase, cutoff: number): Promise<number> {
  return db.audit.where('at').below(cutoff).delete();
}
