import { sha256OfText } from '@/lib/common/sha256';
import type { AppError, Result } from '@/lib/schemas/errors';
import type { ApprovedTask, RecordRef, TaskContent, TaskOutcome } from '@/lib/schemas/hubspot';
import type { HubSpotClient, HubSpotError } from './api-client';

/** HubSpot's task object type id. */
export const TASK_TYPE_ID = '0-27';
/** HubSpot-defined association type ids from a task to each record type (task to contact, company, deal, ticket). */
export const TASK_ASSOCIATION_TYPE_IDS: Record<string, number> = { '0-1': 204, '0-2': 192, '0-3': 216, '0-5': 230 };
/** A due day is written as noon UTC: that instant falls on the same calendar day in every office from UTC-11 to UTC+11. */
const DUE_TIME = 'T12:00:00.000Z';


/** What an approval of a task covers: the record it is associated with and every field it is created with. */
export function taskApprovalHash(ref: Pick<RecordRef, 'objectTypeId' | 'objectId'>, c: TaskContent): Promise<string> {
  // Keys in a fixed order, so equal content always hashes the same.
  return sha256OfText(JSON.stringify({ body: c.body, dueDay: c.dueDay, objectId: ref.objectId, objectType: ref.objectTypeId, ownerId: c.ownerId, subject: c.subject }));
}

/** The task's properties as HubSpot's tasks API takes them. */
export function taskProperties(c: TaskContent): Record<string, string> {
  return {
    hs_task_subject: c.subject,
    hs_task_body: c.body,
    hs_timestamp: `${c.dueDay}${DUE_TIME}`,
    hs_task_status: 'NOT_STARTED',
    hs_task_type: 'TODO',
    ...(c.ownerId ? { hubspot_owner_id: c.ownerId } : {}),
  };
}

const appError = ({ code, message, nextStep, retryAfterMs }: HubSpotError): AppError => (retryAfterMs === undefined ? { code, message, nextStep } : { code, message, nextStep, retryAfterMs });
const failed = (task: ApprovedTask, error: AppError, correlationId?: string): TaskOutcome => ({ key: task.key, approvalHash: task.approvalHash, status: 'failed', error, ...(correlationId ? { correlationId } : {}) });

export interface TaskHooks {
  /** Runs right before each task's POST (the background records `task.write_started`); a failure sends nothing. */
  beforeCreate?: (task: ApprovedTask) => Promise<Result<unknown>>;
}

/**
 * Creates approved tasks on one record, one POST each, with the task's association to the record in the body. Refuses a
 * task whose approval hash does not match its content. First reads the tasks already on the record: one with the same
 * subject and due day (a POST that went through before a crash, or a colleague's) is recorded as created, not sent again.
 */
export async function createApprovedTasks(
  client: Pick<HubSpotClient, 'getAssociations' | 'batchReadRecords' | 'createRecord'>,
  ref: Pick<RecordRef, 'objectTypeId' | 'objectId'>,
  approved: ApprovedTask[],
  hooks: TaskHooks = {},
): Promise<TaskOutcome[]> {
  const outcomes: TaskOutcome[] = [];
  const typeId = TASK_ASSOCIATION_TYPE_IDS[ref.objectTypeId];
  const candidates: ApprovedTask[] = [];
  for (const task of approved) {
    if ((await taskApprovalHash(ref, task.content)) !== task.approvalHash) {
      outcomes.push(failed(task, { code: 'approval.hash_mismatch', message: 'Not created: the task is not exactly what was approved.', nextStep: 'Review the task and approve it again.' }));
    } else if (typeId === undefined) {
      outcomes.push(failed(task, { code: 'hubspot.task_unsupported', message: 'Tasks are created only on contacts, companies, deals and tickets.', nextStep: 'Create this task in HubSpot yourself.' }));
    } else candidates.push(task);
  }
  if (candidates.length === 0 || typeId === undefined) return outcomes;

  const existing = await existingTasks(client, ref);
  if (!existing.ok) return [...outcomes, ...candidates.map((task) => failed(task, appError(existing.error)))];
  for (const task of candidates) {
    const properties = taskProperties(task.content);
    const same = existing.value.find((t) => t.properties.hs_task_subject === properties.hs_task_subject && dayOf(t.properties.hs_timestamp) === task.content.dueDay);
    if (same) {
      outcomes.push({ key: task.key, approvalHash: task.approvalHash, status: 'created', taskId: same.id, alreadyThere: true });
      continue;
    }
    const started = hooks.beforeCreate ? await hooks.beforeCreate(task) : null;
    if (started && !started.ok) {
      outcomes.push(failed(task, started.error));
      continue;
    }
    const created = await client.createRecord(TASK_TYPE_ID, properties, [{ toObjectId: ref.objectId, typeId }]);
    if (created.ok) {
      outcomes.push({ key: task.key, approvalHash: task.approvalHash, status: 'created', taskId: created.value.id, ...(created.correlationId ? { correlationId: created.correlationId } : {}) });
      continue;
    }
    const own = created.error.propertyErrors?.[0];
    const error = own && created.error.code === 'hubspot.validation' ? { code: 'hubspot.validation', message: `HubSpot refused the task's ${own.property}: ${own.message}`, nextStep: 'Correct the task, then approve it again.' } : appError(created.error);
    outcomes.push(failed(task, error, created.error.correlationId));
  }
  return outcomes;
}

const dayOf = (value: string | null | undefined): string | null => {
  if (!value) return null;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
};

/** The tasks associated with the record (the newest batch), with their subject and due time. */
async function existingTasks(client: Pick<HubSpotClient, 'getAssociations' | 'batchReadRecords'>, ref: Pick<RecordRef, 'objectTypeId' | 'objectId'>) {
  const associated = await client.getAssociations(ref.objectTypeId, ref.objectId, TASK_TYPE_ID);
  if (!associated.ok) return associated;
  const ids = associated.value.map((a) => a.toObjectId).sort((a, b) => Number(b) - Number(a));
  return client.batchReadRecords(TASK_TYPE_ID, ids, ['hs_task_subject', 'hs_timestamp']);
}
