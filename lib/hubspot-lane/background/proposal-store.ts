import type { PendingRow, TriageDatabase } from '@/lib/db/database';
import { appendAudit } from '@/lib/db/audit';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { type PropertyDefinition, type ApprovedField, type FieldOutcome, type ProposalRow, proposalRowSchema } from '@/lib/schemas/hubspot';
import { approvalHash } from '@/lib/sites/hubspot/approval-hash';
import { isWritable, validateProposedValue } from '@/lib/hubspot-lane/shared/property-validators';
import { reverseProposal } from '@/lib/sites/hubspot/write-approved';
import { loadLanes } from '@/lib/lanes/lane-store';
import { laneMayWrite } from '@/lib/review/proposal-gate';
import { consumeHandoff } from './handoffs';
import { isApproved, isUnresolved, packetConsumed, valueToWrite } from '@/lib/hubspot-lane/shared/proposal-row';
import type { RecordProposals } from './propose-for-record';

/** Failures after which the approval stands: the next Write approved re-reads and tries again. */
const RETRYABLE_WRITE_ERRORS = new Set(['hubspot.rate_limited', 'hubspot.unreachable', 'hubspot.unavailable', 'hubspot.write_in_progress']);

export type ReviewAction = 'accept' | 'reject' | 'reopen';
export type WritePath = 'session' | 'token';

/** Every proposal row of a record, oldest first. Rows that no longer parse are skipped, not shown half-read. */
export async function listRows(db: TriageDatabase, subject: string): Promise<ProposalRow[]> {
  const rows = await db.pending.where('subject').equals(subject).toArray();
  return rows
    .filter((r) => r.kind === 'proposal')
    .sort((a, b) => a.createdAt - b.createdAt)
    .flatMap((r) => {
      const parsed = proposalRowSchema.safeParse(r.value);
      return parsed.success ? [parsed.data] : [];
    });
}

async function put(db: TriageDatabase, row: ProposalRow, now: number, createdAt = now): Promise<void> {
  const existing = await db.pending.get(row.id);
  const pending: PendingRow = {
    id: row.id,
    kind: 'proposal',
    subject: row.subject,
    status: row.proposal.status,
    createdAt: existing?.createdAt ?? createdAt,
    updatedAt: now,
    value: row,
  };
  await db.pending.put(pending);
}

/**
 * Persists new proposals beside the ones already there, which keep their review state: a proposal seen
 * before (even rejected) is not added again, nor one for a property that already has an unresolved row.
 * Dropped proposals and new ones go to the audit log (property names and reasons, never source text).
 */
export async function storeProposals(db: TriageDatabase, subject: string, result: Pick<RecordProposals, 'proposals' | 'dropped'>, definitions: PropertyDefinition[], now: number): Promise<ProposalRow[]> {
  const existing = await listRows(db, subject);
  // A record opened again drops the same candidates again: each drop is logged once per record.
  const dropKey = (lane: string | null, property: unknown, reason: unknown) => JSON.stringify([lane, property, reason]);
  const logged = new Set(
    (await db.audit.where('subject').equals(subject).filter((r) => r.kind === 'proposal.dropped').toArray()).map((r) => dropKey(r.lane, r.data.property, r.data.reason)),
  );
  for (const d of result.dropped) {
    const key = dropKey(d.lane, d.property, d.reason);
    if (logged.has(key)) continue;
    logged.add(key);
    await appendAudit(db, { kind: 'proposal.dropped', subject, lane: d.lane, data: { property: d.property, reason: d.reason } }, now);
  }
  for (const { lane, proposal } of result.proposals) {
    const id = `${subject}#${proposal.id}`;
    if (existing.some((r) => r.id === id || (r.proposal.property === proposal.property && isUnresolved(r)))) continue;
    const definition = definitions.find((d) => d.name === proposal.property);
    if (!definition) continue;
    const row: ProposalRow = { id, subject, lane, proposal, definition, approvalHash: null, conflict: null, written: null, undoOf: null };
    await put(db, row, now);
    existing.push(row);
    await appendAudit(db, { kind: 'proposal.created', subject, lane, data: { property: proposal.property, source: proposal.evidence.source.kind, confidence: proposal.confidence } }, now);
  }
  return listRows(db, subject);
}

const notFound = () => fail('proposal.not_found', 'That proposal is no longer there.', 'Reload the page to see the current proposals.');

/**
 * The rep's decision on one row. Accepting binds the row to a hash of exactly what would be written
 * (record, property, the value it was based on, the value); a changed value is an edit and is validated first.
 */
export async function reviewRow(db: TriageDatabase, subject: string, id: string, action: ReviewAction, value: string | undefined, now: number): Promise<Result<ProposalRow[]>> {
  const row = (await listRows(db, subject)).find((r) => r.id === id);
  if (!row) return notFound();
  const p = row.proposal;
  if (p.status === 'written') return fail('proposal.resolved', 'This update is already written.', 'Use Undo to propose putting the old value back.');
  let next: ProposalRow;
  if (action === 'accept') {
    const chosen = value ?? valueToWrite(row);
    if (!isWritable(row.definition)) return fail('proposal.read_only', `${row.definition.label} cannot be written.`, 'Reject this proposal.');
    const valid = validateProposedValue(row.definition, chosen);
    if (!valid.ok) return fail('proposal.invalid_value', `${row.definition.label}: ${valid.reason}`, 'Correct the value, then accept again.');
    const edited = chosen !== p.proposedValue;
    const hash = await approvalHash({ objectType: p.objectType, objectId: p.objectId, property: p.property, basedOnValue: p.currentValue, value: chosen });
    const { editedValue: _dropped, error: _cleared, ...rest } = p;
    next = { ...row, approvalHash: hash, proposal: { ...rest, status: edited ? 'edited' : 'accepted', ...(edited ? { editedValue: chosen } : {}) } };
    await appendAudit(db, { kind: 'field.approved', subject, lane: row.lane, data: { property: p.property, approvalHash: hash, edited, basedOnValue: p.currentValue, value: chosen } }, now);
  } else if (action === 'reject') {
    next = { ...row, approvalHash: null, proposal: { ...p, status: 'rejected' } };
    // A rejection resolves the proposal: the field-freshness KPI times it like a write.
    await appendAudit(db, { kind: 'proposal.rejected', subject, lane: row.lane, data: { property: p.property } }, now);
  } else {
    // Back to review; after a conflict the proposal is re-based on the value HubSpot holds now.
    const { error: _cleared, ...rest } = p;
    const currentValue = row.conflict ? row.conflict.theirs : p.currentValue;
    next = { ...row, approvalHash: null, conflict: null, proposal: { ...rest, currentValue, status: 'pending' } };
  }
  await put(db, next, now);
  if (next.proposal.status === 'rejected') await settleHandoff(db, subject, next, now);
  return ok(await listRows(db, subject));
}

/** The approved rows of a record as the writer takes them: the approval's own payload and hash. */
export async function approvedFields(db: TriageDatabase, subject: string, now = Date.now()): Promise<ApprovedField[]> {
  const lanes = await loadLanes(db);
  const approved: ProposalRow[] = [];
  for (const row of (await listRows(db, subject)).filter(isApproved)) {
    if (laneMayWrite(lanes, row.lane, row.proposal.property)) {
      approved.push(row);
      continue;
    }
    // The allow-list again, at write time: a row its lane may not write is refused, shown as failed, and audited.
    const message = `${row.definition.label} is not a property the ${row.lane} lane may write. Nothing was written.`;
    await put(db, { ...row, approvalHash: null, proposal: { ...row.proposal, status: 'failed', error: message } }, now);
    await appendAudit(db, { kind: 'proposal.dropped', subject, lane: row.lane, data: { property: row.proposal.property, reason: 'not in lane allow-list at write time' } }, now);
  }
  return approved.map((r) => ({
    property: r.proposal.property,
    basedOnValue: r.proposal.currentValue,
    value: valueToWrite(r),
    approvalHash: r.approvalHash ?? '',
  }));
}

/** Records what the write did to each approved row, in the rows and in the audit log. Outcomes for no approved row are ignored. */
export async function applyOutcomes(db: TriageDatabase, subject: string, outcomes: FieldOutcome[], path: WritePath, now: number): Promise<ProposalRow[]> {
  const rows = await listRows(db, subject);
  for (const outcome of outcomes) {
    const row = rows.find((r) => isApproved(r) && r.approvalHash === outcome.approvalHash && r.proposal.property === outcome.property);
    if (!row) continue;
    const base = { property: outcome.property, approvalHash: outcome.approvalHash, path, ...(outcome.correlationId ? { correlationId: outcome.correlationId } : {}) };
    let next: ProposalRow;
    if (outcome.status === 'written') {
      next = { ...row, written: { before: outcome.before, after: outcome.after, at: now }, proposal: { ...row.proposal, status: 'written' } };
      await appendAudit(db, { kind: 'field.written', subject, lane: row.lane, data: { ...base, before: outcome.before, after: outcome.after, ...(outcome.alreadyThere ? { alreadyThere: true } : {}) } }, now);
    } else if (outcome.status === 'conflict') {
      next = { ...row, approvalHash: null, conflict: { theirs: outcome.theirs, ours: outcome.ours, base: outcome.base }, proposal: { ...row.proposal, status: 'conflict' } };
      await appendAudit(db, { kind: 'field.conflict', subject, lane: row.lane, data: { ...base, theirs: outcome.theirs, ours: outcome.ours, base: outcome.base } }, now);
    } else {
      // Still approved while HubSpot was busy or unreachable, or another tab was writing the record; other failures need the rep to look again.
      const retryable = RETRYABLE_WRITE_ERRORS.has(outcome.error.code);
      const message = `${outcome.error.message} ${outcome.error.nextStep}`;
      next = retryable
        ? { ...row, proposal: { ...row.proposal, error: message } }
        : { ...row, approvalHash: null, proposal: { ...row.proposal, status: 'failed', error: message } };
      await appendAudit(db, { kind: 'field.failed', subject, lane: row.lane, data: { ...base, code: outcome.error.code, message: outcome.error.message } }, now);
    }
    await put(db, next, now);
    if (next.proposal.status === 'written') await settleHandoff(db, subject, next, now);
  }
  return listRows(db, subject);
}

/** Marks each field about to be PATCHed, before the PATCH: only fields the record has approved with that exact hash. */
export async function recordWriteStarted(db: TriageDatabase, subject: string, fields: ApprovedField[], path: WritePath, now: number): Promise<void> {
  const rows = await listRows(db, subject);
  for (const field of fields) {
    const row = rows.find((r) => isApproved(r) && r.approvalHash === field.approvalHash && r.proposal.property === field.property);
    if (!row) continue;
    await appendAudit(db, { kind: 'field.write_started', subject, lane: row.lane, data: { property: field.property, approvalHash: field.approvalHash, path, value: field.value } }, now);
  }
}

/** Undo of a written row: a new proposal to put the old value back, which needs its own approval. */
export async function proposeUndo(db: TriageDatabase, subject: string, id: string, now: number): Promise<Result<ProposalRow[]>> {
  const rows = await listRows(db, subject);
  const row = rows.find((r) => r.id === id);
  if (!row) return notFound();
  if (row.proposal.status !== 'written' || !row.written || !row.approvalHash) return fail('proposal.not_written', 'Only a written update can be undone.', 'Reject the proposal instead.');
  if (rows.some((r) => r.undoOf === row.id && isUnresolved(r))) return ok(rows);
  const undo = reverseProposal({ status: 'written', property: row.proposal.property, approvalHash: row.approvalHash, before: row.written.before, after: row.written.after }, row.proposal, `undo-${now}-${row.proposal.id}`);
  await put(db, { id: `${subject}#${undo.id}`, subject, lane: row.lane, proposal: undo, definition: row.definition, approvalHash: null, conflict: null, written: null, undoOf: row.id }, now);
  return ok(await listRows(db, subject));
}

async function settleHandoff(db: TriageDatabase, subject: string, row: ProposalRow, now: number): Promise<void> {
  const source = row.proposal.evidence.source;
  if (source.kind !== 'handoff') return;
  if (packetConsumed(source.ref, await listRows(db, subject))) await consumeHandoff(db, source.ref, now);
}
