import type { RejectReason, SentenceCheck } from '@/lib/schemas/review';
import type { TriageDatabase } from '@/lib/db/database';
import { appendAudit } from '@/lib/db/audit';
import { type DraftRecord, type DraftReview, RESOLVED_DRAFT_STATUSES, type ReplyMode } from '@/lib/schemas/draft-record';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import type { RiskFlag } from '@/lib/schemas/lane';
import { getDraft, saveDraft } from '@/lib/gmail-lane/background/draft-store';
import { approvalHash } from '@/lib/review/approval';
import { verifyCitations, type PassageLookup } from '@/lib/review/citations';
import { editRatio } from '@/lib/review/edit-ratio';
import { canInsert, describeBlocker, requiredAcknowledgements } from '@/lib/review/policy';
import { replyText } from '@/lib/review/reply-text';

/**
 * The background's side of reviewing a draft: every step is checked against the stored record,
 * persisted, and audited with ids, hashes and figures only, never the mail's text.
 */

async function openDraft(db: TriageDatabase, draftId: string): Promise<Result<DraftRecord>> {
  const record = await getDraft(db, draftId);
  if (!record) return fail('draft.not_found', 'This draft is no longer stored.', 'Regenerate the draft from the panel.');
  if (RESOLVED_DRAFT_STATUSES.includes(record.status)) {
    return fail('draft.resolved', `This draft was already ${record.status}.`, 'Reopen the thread to start a new draft.');
  }
  return ok(record);
}

const generatedText = (record: DraftRecord) => (record.draft ? replyText(record.draft) : '');

export async function verifyDraft(db: TriageDatabase, draftId: string, lookup: PassageLookup): Promise<Result<{ checks: SentenceCheck[]; required: RiskFlag[] }>> {
  const record = await getDraft(db, draftId);
  if (!record?.draft) return fail('draft.not_ready', 'This draft is not written yet.', 'Wait for the draft, or regenerate it.');
  return ok({ checks: await verifyCitations(record.draft, lookup), required: requiredAcknowledgements(record.triage) });
}

/** Persists the rep's edits and ticks; the first divergence from the generated text is audited once. */
export async function saveReview(db: TriageDatabase, draftId: string, review: DraftReview): Promise<Result<DraftRecord>> {
  const opened = await openDraft(db, draftId);
  if (!opened.ok) return opened;
  const record = opened.value;
  const editedText = review.editedText !== null && review.editedText !== generatedText(record) ? review.editedText : null;
  const wasEdited = record.review.editedText !== null || (await editAudited(db, draftId));
  const saved = await saveDraft(db, { ...record, review: { ...review, editedText }, updatedAt: Date.now() });
  if (editedText !== null && !wasEdited) {
    await appendAudit(db, { kind: 'draft.edited', subject: record.subjectId, lane: record.lane, data: { draftId, editRatio: round(editRatio(generatedText(record), editedText)) } });
  }
  return ok(saved);
}

async function editAudited(db: TriageDatabase, draftId: string): Promise<boolean> {
  const found = await db.audit.where('kind').equals('draft.edited').filter((row) => row.kind === 'draft.edited' && row.data.draftId === draftId).first();
  return found !== undefined;
}

export interface ApproveRequest {
  draftId: string;
  subjectId: string;
  text: string;
  mode: ReplyMode;
  acknowledged: RiskFlag[];
  unsupportedAcknowledged: boolean;
}

/** Re-checks the gate on the stored record and records an approval bound to the hash of exactly this text. */
export async function approveDraft(db: TriageDatabase, request: ApproveRequest, lookup: PassageLookup): Promise<Result<{ hash: string; record: DraftRecord }>> {
  const opened = await openDraft(db, request.draftId);
  if (!opened.ok) return opened;
  const stored = opened.value;
  if (stored.subjectId !== request.subjectId) {
    return fail('draft.wrong_thread', 'This draft belongs to another thread.', 'Open the thread the draft was written for.');
  }
  const edited = request.text !== generatedText(stored);
  const record: DraftRecord = {
    ...stored,
    review: { editedText: edited ? request.text : null, acknowledged: request.acknowledged, unsupportedAcknowledged: request.unsupportedAcknowledged, mode: request.mode },
  };
  const checks = record.draft ? await verifyCitations(record.draft, lookup) : [];
  const gate = canInsert(record, request.text, checks);
  if (!gate.ok) {
    return fail('draft.gate_closed', `Not approved: ${gate.blockers.map((b) => describeBlocker(b)).join(' ')}`, 'Complete the review in the panel, then insert again.');
  }
  const hash = await approvalHash({ draftId: record.id, subjectId: record.subjectId, text: request.text, mode: request.mode });
  const at = Date.now();
  const saved = await saveDraft(db, { ...record, approval: { hash, at, text: request.text }, updatedAt: at });
  await appendAudit(db, {
    kind: 'draft.approved',
    subject: record.subjectId,
    lane: record.lane,
    data: { draftId: record.id, hash, mode: request.mode, edited, acknowledged: request.acknowledged, unsupportedAcknowledged: request.unsupportedAcknowledged },
  }, at);
  return ok({ hash, record: saved });
}

/** Gmail's reply box holds the approved text now. */
export async function markInserted(db: TriageDatabase, draftId: string, hash: string): Promise<Result<DraftRecord>> {
  const opened = await openDraft(db, draftId);
  if (!opened.ok) return opened;
  const record = opened.value;
  if (record.approval?.hash !== hash) return fail('draft.not_approved', 'What was inserted is not what was approved.', 'Approve the draft again from the panel.');
  const saved = await saveDraft(db, { ...record, status: 'inserted', updatedAt: Date.now() });
  await appendAudit(db, { kind: 'draft.inserted', subject: record.subjectId, lane: record.lane, data: { draftId, hash } });
  return ok(saved);
}

/** The rep pressed Send in Gmail: how much they changed the approved text is the "accepted without edit" figure. */
export async function markSent(db: TriageDatabase, draftId: string, finalText: string): Promise<Result<{ editRatio: number; record: DraftRecord }>> {
  const opened = await openDraft(db, draftId);
  if (!opened.ok) return opened;
  const record = opened.value;
  if (!record.approval || record.status !== 'inserted') return fail('draft.not_inserted', 'This draft was not inserted into Gmail.', 'Nothing to record.');
  const ratio = round(editRatio(record.approval.text, finalText));
  const saved = await saveDraft(db, { ...record, status: 'sent', updatedAt: Date.now() });
  await appendAudit(db, {
    kind: 'draft.sent',
    subject: record.subjectId,
    lane: record.lane,
    data: { draftId, hash: record.approval.hash, editRatio: ratio, editRatioFromGenerated: round(editRatio(generatedText(record), finalText)), acceptedWithoutEdit: ratio === 0 },
  });
  return ok({ editRatio: ratio, record: saved });
}

export async function markDiscarded(db: TriageDatabase, draftId: string): Promise<Result<DraftRecord>> {
  const opened = await openDraft(db, draftId);
  if (!opened.ok) return opened;
  const record = opened.value;
  const saved = await saveDraft(db, { ...record, status: 'discarded', updatedAt: Date.now() });
  await appendAudit(db, { kind: 'draft.discarded', subject: record.subjectId, lane: record.lane, data: { draftId, wasInserted: record.status === 'inserted' } });
  return ok(saved);
}

/** A rejected draft is feedback for learning: the reason, and the rep's note when given. */
export async function rejectDraft(db: TriageDatabase, draftId: string, reason: RejectReason, note: string | undefined): Promise<Result<DraftRecord>> {
  const opened = await openDraft(db, draftId);
  if (!opened.ok) return opened;
  const record = opened.value;
  const at = Date.now();
  const saved = await saveDraft(db, { ...record, status: 'rejected', updatedAt: at });
  await db.feedback.add({ at, subject: record.subjectId, field: 'draft', from: record.triage.classification.category.value, to: reason, text: note ?? '' });
  await appendAudit(db, { kind: 'draft.rejected', subject: record.subjectId, lane: record.lane, data: { draftId, reason, hasNote: !!note } }, at);
  return ok(saved);
}

const round = (n: number) => Math.round(n * 1000) / 1000;
