import { auditEventSchema, type AuditEventOf, type AuditKind, type AuditRow } from '@/lib/schemas/audit';

const HASH = '0'.repeat(64);

/** What a test leaves out of an event's data, filled with plain values; the result is checked against the union. */
const defaults: { [K in AuditKind]: AuditEventOf<K>['data'] } = {
  'thread.seen': {},
  'triage.classified': { engine: 'local', category: 'refund_request', confidence: 0.9, needsHumanTriage: false, grounded: true },
  'triage.corrected': { field: 'category', from: 'a', to: 'b', learnt: false },
  'draft.generated': { draftId: 'd', engine: 'local', sentences: 4, abstained: false, grounded: true },
  'draft.edited': { draftId: 'd', editRatio: 0 },
  'draft.approved': { draftId: 'd', hash: HASH, mode: 'reply', edited: false, acknowledged: [], unsupportedAcknowledged: false },
  'draft.inserted': { draftId: 'd', hash: HASH },
  'draft.sent': { draftId: 'd', hash: HASH, editRatio: 0, editRatioFromGenerated: 0, acceptedWithoutEdit: true },
  'draft.discarded': { draftId: 'd', wasInserted: true },
  'draft.rejected': { draftId: 'd', reason: 'other', hasNote: false },
  'proposal.created': { property: 'p', source: 'note', confidence: 0.8 },
  'proposal.dropped': { property: 'p', reason: 'r' },
  'proposal.rejected': { property: 'p' },
  'field.approved': { property: 'p', approvalHash: HASH, edited: false, basedOnValue: null, value: 'v' },
  'field.write_started': { property: 'p', approvalHash: HASH, path: 'session', value: 'v' },
  'field.written': { property: 'p', approvalHash: HASH, path: 'session', before: null, after: 'v' },
  'field.conflict': { property: 'p', approvalHash: HASH, path: 'session', theirs: 't', ours: 'o', base: null },
  'field.failed': { property: 'p', approvalHash: HASH, path: 'session', code: 'c', message: 'm' },
  'task.proposed': { taskKey: 'k', source: 'note', confidence: 0.7 },
  'task.approved': { taskKey: 'k', approvalHash: HASH, edited: false, dueDay: '2026-05-29', ownerId: '61001' },
  'task.rejected': { taskKey: 'k' },
  'task.write_started': { taskKey: 'k', approvalHash: HASH, path: 'token' },
  'task.created': { taskKey: 'k', approvalHash: HASH, path: 'token', taskId: '90000001' },
  'task.failed': { taskKey: 'k', approvalHash: HASH, path: 'token', code: 'c', message: 'm' },
  'contact.proposed': { contactKey: 'k', properties: ['email', 'hubspot_owner_id'], companyId: '5503' },
  'contact.approved': { contactKey: 'k', approvalHash: HASH, properties: ['email', 'hubspot_owner_id'], ownerId: '61001' },
  'contact.rejected': { contactKey: 'k' },
  'contact.write_started': { contactKey: 'k', approvalHash: HASH, path: 'session' },
  'contact.created': { contactKey: 'k', approvalHash: HASH, path: 'session', contactId: '903' },
  'contact.failed': { contactKey: 'k', approvalHash: HASH, path: 'session', code: 'hubspot.duplicate_value', message: 'm' },
  'sop.imported': { sopId: 's', version: 1, sha256: HASH, chunkCount: 1 },
  'sop.replaced': { sopId: 's', version: 2, sha256: HASH, chunkCount: 1 },
  'sop.retired': { sopId: 's', version: 1, sha256: HASH },
  'sop.deleted': { sopId: 's', versions: [] },
  'engine.usage': { call: 'draft', model: 'm', input: 0, cacheRead: 0, cacheWrite: 0, output: 0, costUsd: null },
  'engine.failed': { engine: 'claude', code: 'c' },
  'model.trained': { ms: 10, examples: 300, labels: 13 },
  'model.failed': { code: 'classifier_too_few_labels' },
  'history.imported': { examples: 100, categories: 5, source: 'csv' },
  'history.cleared': { examples: 100 },
  'correction.removed': { label: 'refund_request' },
  'lanes.changed': { version: 1, source: 'editor', lanes: ['support-replies'] },
  'triage.routed': { owner: 'Billing team', suggested: 'Billing team', accepted: true, by: null },
  'handoff.created': { handoffId: 'h', fields: [] },
  'site.unreadable': { site: 'gmail', step: 'list', detail: 'no message list', selectorsConfirmed: '2026-08-17', markers: { mainView: true, threadHeading: true, threadContainer: true, legacyThreadContainer: false, previewPane: false, messageListByRole: false, messageListByClass: false, messageById: false, messageByClass: false, sender: false, body: false } },
  'settings.changed': {},
};

/** An audit row as the log holds it, for tests: the kind's data with the given fields, validated by the audit union. */
export function auditRow<K extends AuditKind>(at: number, kind: K, subject: string | null, lane: string | null, data: Partial<AuditEventOf<K>['data']> = {}): AuditRow {
  return { ...auditEventSchema.parse({ kind, subject, lane, data: { ...defaults[kind], ...data } }), at };
}
