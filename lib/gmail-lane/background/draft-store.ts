import type { TriageDatabase } from '@/lib/db/database';
import { draftRecordSchema, RESOLVED_DRAFT_STATUSES, type DraftRecord } from '@/lib/schemas/draft-record';

/** Every draft of a thread, newest first. */
async function draftsFor(db: TriageDatabase, subjectId: string): Promise<DraftRecord[]> {
  const rows = await db.pending.where('subject').equals(subjectId).toArray();
  return rows
    .filter((r) => r.kind === 'draft')
    .map((r) => draftRecordSchema.safeParse(r.value))
    .flatMap((p) => (p.success ? [p.data] : []))
    .sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Drafts are kept in the pending table until a human resolves them. */
export async function openDraftFor(db: TriageDatabase, subjectId: string): Promise<DraftRecord | null> {
  return (await draftsFor(db, subjectId)).find((d) => !RESOLVED_DRAFT_STATUSES.includes(d.status)) ?? null;
}

export async function getDraft(db: TriageDatabase, id: string): Promise<DraftRecord | null> {
  const row = await db.pending.get(id);
  const parsed = draftRecordSchema.safeParse(row?.value);
  return row?.kind === 'draft' && parsed.success ? parsed.data : null;
}

export async function saveDraft(db: TriageDatabase, record: DraftRecord): Promise<DraftRecord> {
  const value = draftRecordSchema.parse(record);
  await db.pending.put({
    id: value.id,
    kind: 'draft',
    subject: value.subjectId,
    status: value.status,
    createdAt: value.createdAt,
    updatedAt: value.updatedAt,
    value,
  });
  return value;
}

/**
 * After a service-worker restart no draft is being written any more: those left "generating"
 * keep their partial text and become "interrupted", for the rep to continue or regenerate.
 */
export async function markInterruptedDrafts(db: TriageDatabase, now = Date.now()): Promise<number> {
  const rows = await db.pending.where('status').equals('generating').toArray();
  for (const row of rows) {
    const parsed = draftRecordSchema.safeParse(row.value);
    if (!parsed.success || row.kind !== 'draft') continue;
    await saveDraft(db, { ...parsed.data, status: 'interrupted', updatedAt: now });
  }
  return rows.length;
}

/** The newest draft of a thread whatever its status: after a reply was sent, the panel shows that one. */
export async function latestDraftFor(db: TriageDatabase, subjectId: string): Promise<DraftRecord | null> {
  return (await draftsFor(db, subjectId))[0] ?? null;
}
