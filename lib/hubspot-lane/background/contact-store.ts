import type { PendingRow, TriageDatabase } from '@/lib/db/database';
import { appendAudit } from '@/lib/db/audit';
import { loadLanes } from '@/lib/lanes/lane-store';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { type ApprovedContact, type ContactOutcome, type ContactRow, contactRowSchema } from '@/lib/schemas/hubspot';
import { contactApprovalHash } from '@/lib/sites/hubspot/create-contact';
import { consumeHandoff } from './handoffs';
import type { LaneContact } from './new-contact';
import type { ReviewAction, WritePath } from './proposal-store';
import { creationInProgress } from './write-lease';

/** Failures after which the approval stands: the next Write approved tries again. */
const RETRYABLE = new Set(['hubspot.rate_limited', 'hubspot.unreachable', 'hubspot.unavailable', 'hubspot.write_in_progress']);

const isApproved = (row: ContactRow) => row.status === 'accepted' && row.approvalHash !== null;
const keyOf = (row: ContactRow) => row.id;

/** Every proposed new contact of a record, oldest first; rows that no longer parse are skipped. */
export async function listContacts(db: TriageDatabase, subject: string): Promise<ContactRow[]> {
  const rows = await db.pending.where('subject').equals(subject).toArray();
  return rows
    .filter((r) => r.kind === 'contact')
    .sort((a, b) => a.createdAt - b.createdAt)
    .flatMap((r) => {
      const parsed = contactRowSchema.safeParse(r.value);
      return parsed.success ? [parsed.data] : [];
    });
}

async function put(db: TriageDatabase, row: ContactRow, now: number): Promise<void> {
  const existing = await db.pending.get(row.id);
  const pending: PendingRow = { id: row.id, kind: 'contact', subject: row.subject, status: row.status, createdAt: existing?.createdAt ?? now, updatedAt: now, value: row };
  await db.pending.put(pending);
}

/** Persists proposed contacts; one per handoff and record. A pending one follows its packet; a decided one is left alone. */
export async function storeContacts(db: TriageDatabase, subject: string, contacts: LaneContact[], now: number): Promise<ContactRow[]> {
  const existing = new Map((await listContacts(db, subject)).map((r) => [r.id, r]));
  for (const contact of contacts) {
    const id = `${subject}#contact:${contact.handoffId}`;
    const held = existing.get(id);
    if (held && held.status !== 'pending') continue;
    const row: ContactRow = {
      id,
      subject,
      lane: contact.lane,
      handoffId: contact.handoffId,
      proposed: { properties: contact.properties, companyId: contact.companyId },
      details: contact.details,
      source: contact.source,
      status: 'pending',
      approvalHash: null,
      created: null,
    };
    if (held && JSON.stringify(held) === JSON.stringify(row)) continue;
    await put(db, row, now);
    if (!held) await appendAudit(db, { kind: 'contact.proposed', subject, lane: contact.lane, data: { contactKey: id, properties: Object.keys(contact.properties), companyId: contact.companyId } }, now);
  }
  return listContacts(db, subject);
}

/** The rep's decision on a proposed contact. Accepting binds it to a hash of exactly what would be created. */
export async function reviewContact(db: TriageDatabase, subject: string, id: string, action: ReviewAction, now: number): Promise<Result<ContactRow[]>> {
  const row = (await listContacts(db, subject)).find((r) => r.id === id);
  if (!row) return fail('contact.not_found', 'That proposed contact is no longer there.', 'Reload the page to see the current proposals.');
  if (row.status === 'created') return fail('contact.resolved', 'This contact is already created in HubSpot.', 'Change it in HubSpot.');
  const { error: _cleared, ...rest } = row;
  let next: ContactRow;
  if (action === 'accept') {
    const hash = await contactApprovalHash(row.proposed);
    next = { ...rest, status: 'accepted', approvalHash: hash };
    await appendAudit(db, { kind: 'contact.approved', subject, lane: row.lane, data: { contactKey: id, approvalHash: hash, properties: Object.keys(row.proposed.properties), ownerId: row.proposed.properties.hubspot_owner_id ?? null } }, now);
  } else if (action === 'reject') {
    next = { ...rest, status: 'rejected', approvalHash: null };
    await appendAudit(db, { kind: 'contact.rejected', subject, lane: row.lane, data: { contactKey: id } }, now);
  } else next = { ...rest, status: 'pending', approvalHash: null };
  await put(db, next, now);
  return ok(await listContacts(db, subject));
}

/** The approved contacts as the writer takes them; one whose lane no longer writes every property it carries is refused. */
export async function approvedContacts(db: TriageDatabase, subject: string, now: number): Promise<ApprovedContact[]> {
  const lanes = await loadLanes(db);
  const out: ApprovedContact[] = [];
  for (const row of (await listContacts(db, subject)).filter(isApproved)) {
    const lane = lanes.find((l) => l.id === row.lane);
    const refused = Object.keys(row.proposed.properties).find((p) => !lane?.processing.writableProperties.includes(p));
    if (refused === undefined) {
      out.push({ key: keyOf(row), content: row.proposed, approvalHash: row.approvalHash ?? '' });
      continue;
    }
    await put(db, { ...row, status: 'failed', approvalHash: null, error: `The ${row.lane} lane no longer writes ${refused}. Nothing was created.` }, now);
    await appendAudit(db, { kind: 'contact.failed', subject, lane: row.lane, data: { contactKey: keyOf(row), approvalHash: row.approvalHash ?? '', path: 'token', code: 'contact.lane_refused', message: `lane does not write ${refused} at write time` } }, now);
  }
  return out;
}

/** Marks one contact about to be created, before its POST; refused while another tab's creation of it is under way. */
export async function recordContactStarted(db: TriageDatabase, subject: string, contact: ApprovedContact, path: WritePath, now: number): Promise<Result<null>> {
  const row = (await listContacts(db, subject)).find((r) => isApproved(r) && r.approvalHash === contact.approvalHash && keyOf(r) === contact.key);
  if (!row) return fail('contact.not_approved', 'This contact is no longer approved; nothing was created.', 'Reload the page and approve it again.');
  if (await creationInProgress(db, subject, 'contact', contact.approvalHash, now)) {
    return fail('hubspot.write_in_progress', 'This contact is being created from another tab right now; nothing was sent from here.', 'Wait a minute, then press Write approved again.');
  }
  await appendAudit(db, { kind: 'contact.write_started', subject, lane: row.lane, data: { contactKey: contact.key, approvalHash: contact.approvalHash, path } }, now);
  return ok(null);
}

/** Records what each creation did, in the rows and the audit log; a created contact consumes its handoff. */
export async function applyContactOutcomes(db: TriageDatabase, subject: string, outcomes: ContactOutcome[], path: WritePath, now: number): Promise<ContactRow[]> {
  const rows = await listContacts(db, subject);
  for (const outcome of outcomes) {
    const row = rows.find((r) => isApproved(r) && r.approvalHash === outcome.approvalHash && keyOf(r) === outcome.key);
    if (!row) continue;
    const base = { contactKey: outcome.key, approvalHash: outcome.approvalHash, path, ...(outcome.correlationId ? { correlationId: outcome.correlationId } : {}) };
    const { error: _cleared, ...rest } = row;
    if (outcome.status === 'created') {
      await put(db, { ...rest, status: 'created', created: { contactId: outcome.contactId, at: now } }, now);
      await appendAudit(db, { kind: 'contact.created', subject, lane: row.lane, data: { ...base, contactId: outcome.contactId } }, now);
      await consumeHandoff(db, row.handoffId, now);
      continue;
    }
    const message = `${outcome.error.message} ${outcome.error.nextStep}`;
    await put(db, RETRYABLE.has(outcome.error.code) ? { ...rest, error: message } : { ...rest, status: 'failed', approvalHash: null, error: message }, now);
    await appendAudit(db, { kind: 'contact.failed', subject, lane: row.lane, data: { ...base, code: outcome.error.code, message: outcome.error.message } }, now);
  }
  return listContacts(db, subject);
}
