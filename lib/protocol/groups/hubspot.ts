import { z } from 'zod';
import { handoffPacketSchema, pipelineFindingSchema } from '@/lib/schemas/proposal';
import { appErrorSchema } from '@/lib/schemas/errors';
import { approvedContactSchema, approvedFieldSchema, approvedTaskSchema, contactOutcomeSchema, contactRowSchema, fieldOutcomeSchema, proposalRowSchema, recordRefSchema, recordViewSchema, taskContentSchema, taskOutcomeSchema, taskRowSchema } from '@/lib/schemas/hubspot';
import { def, subjectIdSchema } from '../define';
import { lazySchema } from '@/lib/schemas/lazy-schema';

const rowsSchema = lazySchema(() => z.array(proposalRowSchema));
const tasksSchema = lazySchema(() => z.array(taskRowSchema));
const contactsSchema = lazySchema(() => z.array(contactRowSchema));
const tokenStatusSchema = lazySchema(() => z.object({ set: z.boolean(), masked: z.string().nullable() }));

export const hubspotMessages = {
  /** Which path reads and writes (session, or the admin's private-app token) and which properties the lanes in force may write. */
  'hubspot.setup': def('hubspot', () => z.object({}), () => z.object({ mode: z.enum(['session', 'token']), laneProperties: z.array(z.string()) })),
  /** Token path: the background reads the record with the private-app token; which properties it reads is the lanes' to say, not the page's. */
  'hubspot.readRecord': def('hubspot', () => z.object({ ref: recordRefSchema }), () => recordViewSchema),
  /** Proposes updates from the record's notes and waiting handoffs; returns every row of the record with its review state. */
  'hubspot.propose': def(
    'hubspot',
    () => z.object({ view: recordViewSchema }),
    () => z.object({
      rows: rowsSchema,
      /** Follow-up tasks proposed from the record's logged activity, with their review state. */
      tasks: tasksSchema,
      /** New contacts proposed from lead handoffs (on a company record), with their review state. */
      contacts: contactsSchema,
      handoffs: z.array(handoffPacketSchema),
      ignoredSources: z.array(z.object({ ref: z.string(), reason: z.string() })),
      /** What a pipeline admin fixes on the record (no next step, a past close date...), each with its evidence. */
      findings: z.array(pipelineFindingSchema),
      /** Claude's failure when it is the chosen engine; the local rules' proposals are there regardless. */
      engineError: appErrorSchema.nullable(),
    }),
  ),
  'hubspot.review': def(
    'hubspot',
    () => z.object({ subject: subjectIdSchema, id: z.string().max(600), action: z.enum(['accept', 'reject', 'reopen']), value: z.string().max(65_536).optional() }),
    () => rowsSchema,
  ),
  /** Session path: the approved payloads the page writes, exactly as approved. */
  'hubspot.approvedFields': def('hubspot', () => z.object({ subject: subjectIdSchema }), () => z.array(approvedFieldSchema)),
  /**
   * Session path: the fields the page is about to PATCH, recorded before it does (a crash then leaves the mark). The
   * answer is a lease on the record: another tab asking while it is held is refused until recordOutcomes returns it.
   */
  'hubspot.writeStarted': def(
    'hubspot',
    () => z.object({ subject: subjectIdSchema, fields: z.array(approvedFieldSchema).max(200) }),
    () => z.object({ recorded: z.number().int().nonnegative(), lease: z.string() }),
  ),
  /** Session path: what the write did, for the rows and the audit log. */
  'hubspot.recordOutcomes': def('hubspot', () => z.object({ subject: subjectIdSchema, outcomes: z.array(fieldOutcomeSchema).max(200), lease: z.string().max(100).optional() }), () => rowsSchema),
  /** Token path: the background writes the approved rows with the private-app token. */
  'hubspot.writeApproved': def('hubspot', () => z.object({ ref: recordRefSchema }), () => rowsSchema),
  /** The rep's decision on one follow-up task; accepting may carry the edited task. */
  'hubspot.reviewTask': def(
    'hubspot',
    () => z.object({ subject: subjectIdSchema, id: z.string().max(600), action: z.enum(['accept', 'reject', 'reopen']), content: taskContentSchema.optional() }),
    () => tasksSchema,
  ),
  /** Session path: the approved tasks the page creates, exactly as approved. */
  'hubspot.approvedTasks': def('hubspot', () => z.object({ subject: subjectIdSchema }), () => z.array(approvedTaskSchema)),
  /** Session path: one task the page is about to create, recorded before its POST (a crash then leaves the mark). */
  'hubspot.taskStarted': def('hubspot', () => z.object({ subject: subjectIdSchema, task: approvedTaskSchema }), () => z.null()),
  /** Session path: what each creation did, for the rows and the audit log. */
  'hubspot.recordTaskOutcomes': def('hubspot', () => z.object({ subject: subjectIdSchema, outcomes: z.array(taskOutcomeSchema).max(200) }), () => tasksSchema),
  /** Token path: the background creates the approved tasks with the private-app token. */
  'hubspot.createApprovedTasks': def('hubspot', () => z.object({ ref: recordRefSchema }), () => tasksSchema),
  /** The rep's decision on one proposed new contact. */
  'hubspot.reviewContact': def('hubspot', () => z.object({ subject: subjectIdSchema, id: z.string().max(600), action: z.enum(['accept', 'reject', 'reopen']) }), () => contactsSchema),
  /** Session path: the approved contacts the page creates, exactly as approved. */
  'hubspot.approvedContacts': def('hubspot', () => z.object({ subject: subjectIdSchema }), () => z.array(approvedContactSchema)),
  /** Session path: one contact the page is about to create, recorded before its POST. */
  'hubspot.contactStarted': def('hubspot', () => z.object({ subject: subjectIdSchema, contact: approvedContactSchema }), () => z.null()),
  /** Session path: what each creation did, for the rows and the audit log. */
  'hubspot.recordContactOutcomes': def('hubspot', () => z.object({ subject: subjectIdSchema, outcomes: z.array(contactOutcomeSchema).max(50) }), () => contactsSchema),
  /** Token path: the background creates the approved contacts with the private-app token. */
  'hubspot.createApprovedContacts': def('hubspot', () => z.object({ ref: recordRefSchema }), () => contactsSchema),
  'hubspot.undo': def('hubspot', () => z.object({ subject: subjectIdSchema, id: z.string().max(600) }), () => rowsSchema),
  'hubspot.tokenStatus': def('extension-page', () => z.object({}), () => tokenStatusSchema),
  'hubspot.setToken': def('extension-page', () => z.object({ token: z.string().trim().min(8).max(500).nullable() }), () => tokenStatusSchema),
} as const;
