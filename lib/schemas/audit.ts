import { z } from 'zod';
import { replyModeSchema } from './draft-record';
import { riskFlagSchema } from './lane';
import { rejectReasonSchema } from './review';
import { gmailReadDiagnosticSchema } from './thread';
import { lazySchema } from './lazy-schema';

/**
 * Every audit event, one shape per kind: ids, hashes, figures and CRM values the rep approved, never mail text or
 * keys. appendAudit accepts only these, and the KPIs read them typed, so a renamed field is a compile error rather
 * than a silently skewed figure.
 */

const sha256 = lazySchema(() => z.string().regex(/^[0-9a-f]{64}$/));
const ratio = lazySchema(() => z.number().min(0).max(1));
const writePath = lazySchema(() => z.enum(['session', 'token']));
const fieldBase = lazySchema(() => ({ property: z.string(), approvalHash: z.string(), path: writePath, correlationId: z.string().optional() }));
const sopVersion = lazySchema(() => ({ sopId: z.string(), version: z.number().int().positive() }));

const event = <K extends string, D extends z.ZodRawShape>(kind: K, data: D) =>
  z.object({ kind: z.literal(kind), subject: z.string().nullable(), lane: z.string().nullable(), data: z.object(data) });

export const auditEventSchema = lazySchema(() => z.discriminatedUnion('kind', [
  event('thread.seen', {}),
  event('triage.classified', { engine: z.enum(['local', 'claude']), category: z.string(), confidence: ratio, needsHumanTriage: z.boolean(), grounded: z.boolean() }),
  event('triage.corrected', { field: z.enum(['category', 'urgency', 'owner']), from: z.string(), to: z.string(), learnt: z.boolean() }),
  event('draft.generated', {
    draftId: z.string(),
    engine: z.enum(['local', 'claude']),
    /** Set when the engine failed: its error code; the other figures are then absent. */
    failed: z.string().optional(),
    sentences: z.number().int().nonnegative().optional(),
    abstained: z.boolean().optional(),
    grounded: z.boolean().optional(),
  }),
  event('draft.edited', { draftId: z.string(), editRatio: ratio }),
  event('draft.approved', { draftId: z.string(), hash: sha256, mode: replyModeSchema, edited: z.boolean(), acknowledged: z.array(riskFlagSchema), unsupportedAcknowledged: z.boolean() }),
  event('draft.inserted', { draftId: z.string(), hash: sha256 }),
  event('draft.sent', { draftId: z.string(), hash: sha256, editRatio: ratio, editRatioFromGenerated: ratio, acceptedWithoutEdit: z.boolean() }),
  event('draft.discarded', { draftId: z.string(), wasInserted: z.boolean() }),
  event('draft.rejected', { draftId: z.string(), reason: rejectReasonSchema, hasNote: z.boolean() }),
  event('proposal.created', { property: z.string(), source: z.enum(['email', 'note', 'handoff', 'record']), confidence: ratio }),
  event('proposal.dropped', { property: z.string(), reason: z.string() }),
  event('proposal.rejected', { property: z.string() }),
  event('field.approved', { property: z.string(), approvalHash: z.string(), edited: z.boolean(), basedOnValue: z.string().nullable(), value: z.string() }),
  /** Recorded before each PATCH: a crash between the PATCH and its outcome leaves this mark, and the retry re-reads first. */
  event('field.write_started', { property: z.string(), approvalHash: z.string(), path: writePath, value: z.string() }),
  event('field.written', { ...fieldBase, before: z.string().nullable(), after: z.string().nullable(), alreadyThere: z.boolean().optional() }),
  event('field.conflict', { ...fieldBase, theirs: z.string().nullable(), ours: z.string(), base: z.string().nullable() }),
  event('field.failed', { ...fieldBase, code: z.string(), message: z.string() }),
  // Follow-up tasks: ids, hashes, the due day and owner id; never the task's text (it comes from logged activity).
  event('task.proposed', { taskKey: z.string(), source: z.enum(['email', 'note', 'handoff', 'record']), confidence: ratio }),
  event('task.approved', { taskKey: z.string(), approvalHash: sha256, edited: z.boolean(), dueDay: z.string(), ownerId: z.string().nullable() }),
  event('task.rejected', { taskKey: z.string() }),
  /** Recorded before each task creation: a crash between the POST and its outcome leaves this mark, and the retry looks for the task first. */
  event('task.write_started', { taskKey: z.string(), approvalHash: sha256, path: writePath }),
  event('task.created', { taskKey: z.string(), approvalHash: sha256, path: writePath, taskId: z.string(), correlationId: z.string().optional(), alreadyThere: z.boolean().optional() }),
  event('task.failed', { taskKey: z.string(), approvalHash: sha256, path: writePath, code: z.string(), message: z.string(), correlationId: z.string().optional() }),
  // New contacts from a lead's handoff: ids, hashes and property names; never the values read from the mail.
  event('contact.proposed', { contactKey: z.string(), properties: z.array(z.string()), companyId: z.string().nullable() }),
  event('contact.approved', { contactKey: z.string(), approvalHash: sha256, properties: z.array(z.string()), ownerId: z.string().nullable() }),
  event('contact.rejected', { contactKey: z.string() }),
  /** Recorded before the creation's POST: a crash between the POST and its outcome leaves this mark. */
  event('contact.write_started', { contactKey: z.string(), approvalHash: sha256, path: writePath }),
  event('contact.created', { contactKey: z.string(), approvalHash: sha256, path: writePath, contactId: z.string(), correlationId: z.string().optional() }),
  event('contact.failed', { contactKey: z.string(), approvalHash: sha256, path: writePath, code: z.string(), message: z.string(), correlationId: z.string().optional() }),
  event('sop.imported', { ...sopVersion, sha256, chunkCount: z.number().int().nonnegative(), bytes: z.number().int().nonnegative().optional(), source: z.enum(['file', 'bundle']).optional() }),
  event('sop.replaced', {
    ...sopVersion,
    sha256,
    chunkCount: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative().optional(),
    source: z.enum(['file', 'bundle']).optional(),
    previousVersion: z.number().int().positive().optional(),
    previousSha256: sha256.optional(),
  }),
  event('sop.retired', { ...sopVersion, sha256 }),
  event('sop.deleted', { sopId: z.string(), versions: z.array(z.object({ version: z.number().int().positive(), sha256 })) }),
  event('engine.usage', {
    call: z.enum(['classify', 'classify-repair', 'draft', 'propose']),
    model: z.string(),
    input: z.number().nonnegative(),
    cacheRead: z.number().nonnegative(),
    cacheWrite: z.number().nonnegative(),
    output: z.number().nonnegative(),
    costUsd: z.number().nullable(),
  }),
  event('engine.failed', { engine: z.enum(['local', 'claude']), code: z.string() }),
  /** The Gmail reader could not read a page: which step failed and layout markers, never mail text. */
  z.object({ kind: z.literal('site.unreadable'), subject: z.null(), lane: z.null(), data: gmailReadDiagnosticSchema }),
  event('model.trained', { ms: z.number().nonnegative(), examples: z.number().int().nonnegative(), labels: z.number().int().nonnegative() }),
  event('model.failed', { code: z.string() }),
  event('history.imported', { examples: z.number().int().nonnegative(), categories: z.number().int().nonnegative(), source: z.enum(['csv', 'eml']) }),
  event('history.cleared', { examples: z.number().int().nonnegative() }),
  /** An admin removed one rep's correction: the category it taught, never the mail text. */
  event('correction.removed', { label: z.string() }),
  /** A new version of the lanes: who set it (the editor, an imported file, the managed policy, a reset to the starter template). */
  event('lanes.changed', { version: z.number().int().positive(), source: z.enum(['editor', 'file', 'policy', 'reset']), lanes: z.array(z.string()) }),
  /** A rep's routing decision: the owner or queue the thread goes to, and whether it was the suggested one. */
  event('triage.routed', { owner: z.string(), suggested: z.string(), accepted: z.boolean(), by: z.string().nullable() }),
  event('handoff.created', { handoffId: z.string(), fields: z.array(z.string()) }),
  event('settings.changed', {
    claude: z.object({ classifyModel: z.string(), draftModel: z.string(), baseUrl: z.string(), keyChanged: z.boolean(), keyClearedByOriginChange: z.boolean().optional() }).optional(),
    engine: z.enum(['local', 'claude']).optional(),
    hubspotToken: z.enum(['set', 'removed']).optional(),
    sopLanes: z.object({ sopId: z.string(), version: z.number().int().positive(), from: z.array(z.string()), to: z.array(z.string()) }).optional(),
  }),
]));
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditKind = AuditEvent['kind'];
export type AuditEventOf<K extends AuditKind> = Extract<AuditEvent, { kind: K }>;

/** An event as stored: its place in the log and when it happened. */
export type AuditRow = AuditEvent & { seq?: number; at: number };
