import type { AuditRow, TriageDatabase } from './database';

/** The audit log is append-only: this is the only writer, and it only adds. */
export async function appendAudit(db: TriageDatabase, entry: Omit<AuditRow, 'seq' | 'at'>, at = Date.now()): Promise<number> {
  const seq = await db.audit.add({ ...entry, at });
  if (seq === undefined) throw new Error('audit append returned no sequence number');
  return seq;
}

export async function recentAudit(db: TriageDatabase, limit: number): Promise<Required<AuditRow>[]> {
  const rows = await db.audit.orderBy('seq').reverse().limit(limit).toArray();
  return rows.filter((r): r is Required<AuditRow> => r.seq !== undefined);
}
