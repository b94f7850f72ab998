import type { PendingRow, TriageDatabase } from '@/lib/db/database';
import { appendAudit } from '@/lib/db/audit';
import { loadLanes } from '@/lib/lanes/lane-store';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { type ApprovedTask, type TaskContent, type TaskOutcome, type TaskRow, taskContentSchema, taskRowSchema } from '@/lib/schemas/hubspot';
import { taskApprovalHash } from '@/lib/sites/hubspot/create-tasks';
import type { LaneTask } from './propose-for-record';
import type { ReviewAction, WritePath } from './proposal-store';
import { creationInProgress } from './write-lease';

/** Failures after which the approval stands: the next Create approved reads the record's tasks again and retries. */
const RETRYABLE = new Set(['hubspot.rate_limited', 'hubspot.unreachable', 'hubspot.unavailable', 'hubspot.write_in_progress']);

const isApproved = (row: TaskRow) => (row.status === 'accepted' || row.status === 'edited') && row.approvalHash !== null;
const contentOf = (row: TaskRow): TaskContent => row.edited ?? row.proposed;
const keyOf = (row: TaskRow) => row.id.slice(row.id.indexOf('#task:') + '#task:'.length);

/** Every follow-up task row of a record, oldest first; rows that no longer parse are skipped. */
export async function listTasks(db: TriageDatabase, subject: string): Promise<TaskRow[]> {
  const rows = await db.pending.where('subject').equals(subject).toArray();
  return rows
    .filter((r) => r.kind === 'task')
    .sort((a, b) => a.createdAt - b.createdAt)
    .flatMap((r) => {
      const parsed = taskRowSchema.safeParse(r.value);
      return parsed.success ? [parsed.data] : [];
    });
}

async function put(db: TriageDatabase, row: TaskRow, now: number): Promise<void> {
  const existing = await db.pending.get(row.id);
  const pending: PendingRow = { id: row.id, kind: 'task', subject: row.subject, status: row.status, createdAt: existing?.createdAt ?? now, updatedAt: now, value: row };
  await db.pending.put(pending);
}

/** Persists new task proposals beside those already there (which keep their review state): a task seen before is not added again. */
export async function storeTasks(db: TriageDatabase, subject: string, record: { objectType: string; objectId: string }, tasks: LaneTask[], now: number): Promise<TaskRow[]> {
  const existing = new Set((await listTasks(db, subject)).map((r) => r.id));
  for (const { lane, task } of tasks) {
    const id = `${subject}#task:${task.key}`;
    if (existing.has(id)) continue;
    existing.add(id);
    const row: TaskRow = {
      id,
      subject,
      lane,
      objectType: record.objectType,
      objectId: record.objectId,
      proposed: task.content,
      dueBasis: task.dueBasis,
      reason: task.reason,
      evidence: { quote: task.quote, source: task.source },
      confidence: task.confidence,
      status: 'pending',
      approvalHash: null,
      created: null,
    };
    await put(db, row, now);
    await appendAudit(db, { kind: 'task.proposed', subject, lane, data: { taskKey: task.key, source: task.source.kind, confidence: task.confidence } }, now);
  }
  return listTasks(db, subject);
}

/**
 * The rep's decision on one task. Accepting binds it to a hash of exactly what would be created (the record, subject,
 * due day, owner, body); changed content is an edit and is validated first.
 */
export async function reviewTask(db: TriageDatabase, subject: string, id: string, action: ReviewAction, content: TaskContent | undefined, now: number): Promise<Result<TaskRow[]>> {
  const row = (await listTasks(db, subject)).find((r) => r.id === id);
  if (!row) return fail('task.not_found', 'That task is no longer there.', 'Reload the page to see the current proposals.');
  if (row.status === 'created') return fail('task.resolved', 'This task is already created in HubSpot.', 'Change or delete it in HubSpot.');
  const { error: _cleared, ...rest } = row;
  let next: TaskRow;
  if (action === 'accept') {
    const parsed = taskContentSchema.safeParse(content ?? contentOf(row));
    if (!parsed.success) return fail('task.invalid', `The task is not valid: ${parsed.error.issues[0]?.message ?? 'check its fields'}.`, 'Correct the task, then accept again.');
    const chosen = parsed.data;
    const edited = JSON.stringify(chosen) !== JSON.stringify(row.proposed);
    const hash = await taskApprovalHash({ objectTypeId: row.objectType, objectId: row.objectId }, chosen);
    const { edited: _old, ...base } = rest;
    next = { ...base, status: edited ? 'edited' : 'accepted', approvalHash: hash, ...(edited ? { edited: chosen } : {}) };
    await appendAudit(db, { kind: 'task.approved', subject, lane: row.lane, data: { taskKey: keyOf(row), approvalHash: hash, edited, dueDay: chosen.dueDay, ownerId: chosen.ownerId } }, now);
  } else if (action === 'reject') {
    next = { ...rest, status: 'rejected', approvalHash: null };
    await appendAudit(db, { kind: 'task.rejected', subject, lane: row.lane, data: { taskKey: keyOf(row) } }, now);
  } else {
    next = { ...rest, status: 'pending', approvalHash: null };
  }
  await put(db, next, now);
  return ok(await listTasks(db, subject));
}

/** The approved tasks of a record as the writer takes them; a task whose lane no longer creates tasks is refused and audited. */
export async function approvedTasks(db: TriageDatabase, subject: string, now: number): Promise<ApprovedTask[]> {
  const lanes = await loadLanes(db);
  const out: ApprovedTask[] = [];
  for (const row of (await listTasks(db, subject)).filter(isApproved)) {
    if (lanes.some((l) => l.id === row.lane && l.processing.actions.includes('create_task'))) {
      out.push({ key: keyOf(row), content: contentOf(row), approvalHash: row.approvalHash ?? '' });
      continue;
    }
    await put(db, { ...row, status: 'failed', approvalHash: null, error: `The ${row.lane} lane no longer creates tasks. Nothing was created.` }, now);
    await appendAudit(db, { kind: 'task.failed', subject, lane: row.lane, data: { taskKey: keyOf(row), approvalHash: row.approvalHash ?? '', path: 'token', code: 'task.lane_refused', message: 'lane does not create tasks at write time' } }, now);
  }
  return out;
}

/**
 * Marks one task about to be created, before its POST: only a task the record has approved with that exact hash, and
 * not while another tab's creation of it is under way (HubSpot has no idempotency key: two POSTs would make two tasks).
 */
export async function recordTaskStarted(db: TriageDatabase, subject: string, task: ApprovedTask, path: WritePath, now: number): Promise<Result<null>> {
  const row = (await listTasks(db, subject)).find((r) => isApproved(r) && r.approvalHash === task.approvalHash && keyOf(r) === task.key);
  if (!row) return fail('task.not_approved', 'This task is no longer approved; nothing was created.', 'Reload the page and approve it again.');
  if (await creationInProgress(db, subject, 'task', task.approvalHash, now)) {
    return fail('hubspot.write_in_progress', 'This task is being created from another tab right now; nothing was sent from here.', 'Wait a minute, then press Write approved again: the record’s tasks are read first.');
  }
  await appendAudit(db, { kind: 'task.write_started', subject, lane: row.lane, data: { taskKey: task.key, approvalHash: task.approvalHash, path } }, now);
  return ok(null);
}

/** Records what each creation did, in the rows and the audit log. Outcomes for no approved task are ignored. */
export async function applyTaskOutcomes(db: TriageDatabase, subject: string, outcomes: TaskOutcome[], path: WritePath, now: number): Promise<TaskRow[]> {
  const rows = await listTasks(db, subject);
  for (const outcome of outcomes) {
    const row = rows.find((r) => isApproved(r) && r.approvalHash === outcome.approvalHash && keyOf(r) === outcome.key);
    if (!row) continue;
    const base = { taskKey: outcome.key, approvalHash: outcome.approvalHash, path, ...(outcome.correlationId ? { correlationId: outcome.correlationId } : {}) };
    const { error: _cleared, ...rest } = row;
    if (outcome.status === 'created') {
      await put(db, { ...rest, status: 'created', created: { taskId: outcome.taskId, at: now } }, now);
      await appendAudit(db, { kind: 'task.created', subject, lane: row.lane, data: { ...base, taskId: outcome.taskId, ...(outcome.alreadyThere ? { alreadyThere: true } : {}) } }, now);
      continue;
    }
    const message = `${outcome.error.message} ${outcome.error.nextStep}`;
    // Still approved while HubSpot was busy or unreachable; other failures need the rep to look again.
    await put(db, RETRYABLE.has(outcome.error.code) ? { ...rest, error: message } : { ...rest, status: 'failed', approvalHash: null, error: message }, now);
    await appendAudit(db, { kind: 'task.failed', subject, lane: row.lane, data: { ...base, code: outcome.error.code, message: outcome.error.message } }, now);
  }
  return listTasks(db, subject);
}
