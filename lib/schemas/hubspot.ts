import { z } from 'zod';
import { appErrorSchema } from './errors';
import { fieldProposalSchema } from './proposal';
import { lazySchema } from './lazy-schema';

// What crosses the message boundary about HubSpot: property definitions as the CRM API describes them,
// the record view the panel shows, proposal rows and write outcomes.

export const propertyOptionSchema = lazySchema(() => z.object({
  label: z.string(),
  value: z.string(),
  displayOrder: z.number().optional(),
  hidden: z.boolean(),
  /** HubSpot's option description; for an owner filled in from the owners API, the owner's email address. */
  description: z.string().optional(),
}));

export const propertyDefinitionSchema = lazySchema(() => z.object({
  name: z.string(),
  label: z.string(),
  /** bool, date, datetime, enumeration, number, phone_number, string (others may appear). */
  type: z.string(),
  /** booleancheckbox, calculation_equation, checkbox, date, file, html, number, phonenumber, radio, select, text, textarea */
  fieldType: z.string(),
  groupName: z.string().optional(),
  description: z.string().optional(),
  options: z.array(propertyOptionSchema).default([]),
  calculated: z.boolean().optional(),
  hidden: z.boolean().optional(),
  hubspotDefined: z.boolean().optional(),
  hasUniqueValue: z.boolean().optional(),
  archived: z.boolean().optional(),
  /** Options kept outside the definition (owners, pipeline stages): `options` is then empty or partial. */
  externalOptions: z.boolean().optional(),
  /** Where external options come from, e.g. "OWNER". */
  referencedObjectType: z.string().optional(),
  modificationMetadata: z
    .object({
      archivable: z.boolean().optional(),
      readOnlyDefinition: z.boolean().optional(),
      readOnlyValue: z.boolean(),
      readOnlyOptions: z.boolean().optional(),
    })
    .optional(),
}));
export type PropertyDefinition = z.infer<typeof propertyDefinitionSchema>;

/** Which HubSpot record a page shows, read from its URL. */
export const recordRefSchema = lazySchema(() => z.object({
  host: z.string().max(200),
  portalId: z.string().regex(/^\d+$/),
  objectTypeId: z.string().regex(/^\d+-\d+$/),
  objectId: z.string().regex(/^\d+$/),
}));
export type RecordRef = z.infer<typeof recordRefSchema>;

export const textSourceSchema = lazySchema(() => z.object({
  ref: z.string(),
  label: z.string(),
  text: z.string().max(65_536),
  /** When it was last written (ISO): a date without a year in it is read against this, not today. */
  date: z.string().optional(),
}));

/** One engagement logged on a record in HubSpot (note, email, call, meeting, task): untrusted text, data only. */
export const engagementSchema = lazySchema(() => z.object({
  /** "engagement/<type id>/<id>": the evidence ref of its text. */
  ref: z.string(),
  type: z.enum(['note', 'email', 'call', 'meeting', 'task']),
  id: z.string(),
  /** When it happened (hs_timestamp, ISO): dates without a year in its text are read against this. */
  at: z.string(),
  title: z.string().nullable(),
  text: z.string().max(65_536),
  /** A task's status (NOT_STARTED, COMPLETED...). */
  status: z.string().optional(),
}));
export type Engagement = z.infer<typeof engagementSchema>;

/** What the panel shows about a record, and what the lane needs to propose updates for it. */
export const recordViewSchema = lazySchema(() => z.object({
  ref: recordRefSchema,
  subject: z.string(),
  typeLabel: z.string(),
  name: z.string(),
  owner: z.string().nullable(),
  stage: z.object({ label: z.string(), value: z.string() }).nullable(),
  /** Latest changes to key properties, from HubSpot's property history (newest first). */
  activity: z.array(z.object({ at: z.string(), text: z.string() })),
  properties: z.record(z.string(), z.string().nullable()),
  definitions: z.array(propertyDefinitionSchema),
  /** Free-text properties read as notes (untrusted: data, never instructions). */
  notes: z.array(textSourceSchema),
  /** Activity logged on the record (notes, emails, calls, meetings, tasks), newest first and bounded. */
  engagements: z.array(engagementSchema).optional(),
  /** The record's stage is a closed one of its pipeline (a won or lost deal, a closed ticket); absent when unknown. */
  closed: z.boolean().optional(),
  /** A contact's tickets and whether each is open: a support handoff's ticket proposals go on the open one. */
  tickets: z.array(z.object({ id: z.string(), name: z.string(), open: z.boolean() })).optional(),
  /** What a Gmail handoff is attached by: the record's (or its contacts') email addresses and its (or its companies') mail domains; never a name. */
  match: z.object({ emails: z.array(z.string()), domains: z.array(z.string()) }),
  /** Entries HubSpot sent that did not parse and were left out of this view, per source (shown in the panel). */
  skipped: z.array(z.object({ source: z.enum(['definitions', 'owners', 'history', 'activity']), count: z.number().int().positive() })).optional(),
  /** Option sources that could not be read (owners, pipelines): their properties then offer no choice, and the panel says why. */
  unavailable: z.array(z.object({ source: z.enum(['owners', 'pipelines', 'activity']), error: appErrorSchema })).optional(),
}));
export type RecordView = z.infer<typeof recordViewSchema>;

/**
 * One proposed update as persisted (db.pending kind 'proposal') and shown as one row: the proposal with its
 * review state, the property's definition (for the right input control and validation), and what happened.
 */
export const proposalRowSchema = lazySchema(() => z.object({
  /** Pending-table id: "<record subject>#<proposal id>". */
  id: z.string(),
  subject: z.string(),
  lane: z.string(),
  proposal: fieldProposalSchema,
  definition: propertyDefinitionSchema,
  /** Hash over exactly what was approved; null until the rep accepts. */
  approvalHash: z.string().nullable(),
  conflict: z.object({ theirs: z.string().nullable(), ours: z.string(), base: z.string().nullable() }).nullable(),
  written: z.object({ before: z.string().nullable(), after: z.string().nullable(), at: z.number() }).nullable(),
  /** The written row this row would undo. */
  undoOf: z.string().nullable(),
}));
export type ProposalRow = z.infer<typeof proposalRowSchema>;

/** One field the rep approved: the value to write, the value it was based on, and the approval's hash. */
export const approvedFieldSchema = lazySchema(() => z.object({ property: z.string(), basedOnValue: z.string().nullable(), value: z.string(), approvalHash: z.string() }));
export type ApprovedField = z.infer<typeof approvedFieldSchema>;
const outcomeBase = lazySchema(() => ({
  property: z.string().max(200),
  approvalHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** HubSpot's id for the request that decided the outcome, for its support and the audit log. */
  correlationId: z.string().max(100).optional(),
}));
/** What happened to each approved field, with before/after for the audit log. */
export const fieldOutcomeSchema = lazySchema(() => z.discriminatedUnion('status', [
  z.object({
    ...outcomeBase,
    status: z.literal('written'),
    before: z.string().nullable(),
    after: z.string().nullable(),
    /** HubSpot already held the approved value when re-read (an earlier PATCH went through): nothing was sent again. */
    alreadyThere: z.boolean().optional(),
  }),
  z.object({ ...outcomeBase, status: z.literal('conflict'), theirs: z.string().nullable(), ours: z.string(), base: z.string().nullable() }),
  z.object({ ...outcomeBase, status: z.literal('failed'), error: appErrorSchema }),
]));
export type FieldOutcome = z.infer<typeof fieldOutcomeSchema>;
export type WrittenOutcome = Extract<FieldOutcome, { status: 'written' }>;
export type ConflictOutcome = Extract<FieldOutcome, { status: 'conflict' }>;
export type FailedOutcome = Extract<FieldOutcome, { status: 'failed' }>;

/** A follow-up task as it would be created in HubSpot: what the rep approves, exactly. */
export const taskContentSchema = lazySchema(() => z.object({
  subject: z.string().min(1).max(500),
  /** The due day, 'YYYY-MM-DD' (written as hs_timestamp at midnight UTC). */
  dueDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The HubSpot owner the task is assigned to; null leaves it unassigned. */
  ownerId: z.string().nullable(),
  body: z.string().max(65_536),
}));
export type TaskContent = z.infer<typeof taskContentSchema>;

/**
 * One proposed follow-up task on a record (db.pending kind 'task'), shown as a row like a field proposal: created in
 * HubSpot only after the rep approved this exact content, with its association to the record.
 */
export const taskRowSchema = lazySchema(() => z.object({
  /** Pending-table id: "<record subject>#task:<key>". */
  id: z.string(),
  subject: z.string(),
  lane: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  proposed: taskContentSchema,
  /** The rep's edit of the proposed content, when edited. */
  edited: taskContentSchema.optional(),
  /** How the due day was read from the text: stated in full, or a date without a year (or a weekday) read against the activity's day. */
  dueBasis: z.enum(['stated', 'year-inferred', 'relative']),
  reason: z.string(),
  evidence: z.object({ quote: z.string(), source: z.object({ kind: z.enum(['email', 'note', 'handoff', 'record']), ref: z.string(), label: z.string() }) }),
  confidence: z.number().min(0).max(1),
  status: z.enum(['pending', 'accepted', 'edited', 'rejected', 'created', 'failed']),
  /** Hash over exactly what was approved; null until the rep accepts. */
  approvalHash: z.string().nullable(),
  /** The task HubSpot created. */
  created: z.object({ taskId: z.string(), at: z.number() }).nullable(),
  error: z.string().optional(),
}));
export type TaskRow = z.infer<typeof taskRowSchema>;
/** A task row a person closed: created in HubSpot, or rejected. */
export const RESOLVED_TASK_STATUSES: readonly TaskRow['status'][] = ['created', 'rejected'];

/** One task the rep approved, as the writer takes it: its content and the hash of exactly that content on that record. */
export const approvedTaskSchema = lazySchema(() => z.object({ key: z.string().max(600), content: taskContentSchema, approvalHash: z.string().regex(/^[0-9a-f]{64}$/) }));
export type ApprovedTask = z.infer<typeof approvedTaskSchema>;
const taskOutcomeBase = lazySchema(() => ({ key: z.string().max(600), approvalHash: z.string().regex(/^[0-9a-f]{64}$/), correlationId: z.string().max(100).optional() }));
/** What creating one approved task did. */
export const taskOutcomeSchema = lazySchema(() => z.discriminatedUnion('status', [
  z.object({ ...taskOutcomeBase, status: z.literal('created'), taskId: z.string().max(100), alreadyThere: z.boolean().optional() }),
  z.object({ ...taskOutcomeBase, status: z.literal('failed'), error: appErrorSchema }),
]));
export type TaskOutcome = z.infer<typeof taskOutcomeSchema>;

/** A contact as it would be created in HubSpot from a lead's handoff: what the rep approves, exactly. */
export const contactCreationSchema = lazySchema(() => z.object({
  /** Contact property name → value, only what the lane may write. */
  properties: z.record(z.string(), z.string().max(65_536)),
  /** The company the new contact is associated with (the company record it was proposed on); null for none. */
  companyId: z.string().regex(/^\d+$/).nullable(),
}));
export type ContactCreation = z.infer<typeof contactCreationSchema>;

/**
 * One proposed new contact (db.pending kind 'contact'), shown as a row like a field proposal: created in HubSpot only
 * after the rep approved this exact content, in one request with its company association.
 */
export const contactRowSchema = lazySchema(() => z.object({
  /** Pending-table id: "<record subject>#contact:<handoff id>". */
  id: z.string(),
  subject: z.string(),
  lane: z.string(),
  handoffId: z.string(),
  proposed: contactCreationSchema,
  /** Each property's reason and the customer's sentence it was read from, and how the panel shows its value (an owner's name). */
  details: z.array(z.object({ property: z.string(), display: z.string(), reason: z.string(), quote: z.string() })),
  source: z.object({ kind: z.enum(['email', 'note', 'handoff', 'record']), ref: z.string(), label: z.string() }),
  status: z.enum(['pending', 'accepted', 'rejected', 'created', 'failed']),
  /** Hash over exactly what was approved; null until the rep accepts. */
  approvalHash: z.string().nullable(),
  /** The contact HubSpot created. */
  created: z.object({ contactId: z.string(), at: z.number() }).nullable(),
  error: z.string().optional(),
}));
export type ContactRow = z.infer<typeof contactRowSchema>;
/** A proposed contact a person closed: created in HubSpot, or rejected. */
export const RESOLVED_CONTACT_STATUSES: readonly ContactRow['status'][] = ['created', 'rejected'];

/** One new contact the rep approved, as the writer takes it. */
export const approvedContactSchema = lazySchema(() => z.object({ key: z.string().max(600), content: contactCreationSchema, approvalHash: z.string().regex(/^[0-9a-f]{64}$/) }));
export type ApprovedContact = z.infer<typeof approvedContactSchema>;
const contactOutcomeBase = lazySchema(() => ({ key: z.string().max(600), approvalHash: z.string().regex(/^[0-9a-f]{64}$/), correlationId: z.string().max(100).optional() }));
/** What creating one approved contact did. */
export const contactOutcomeSchema = lazySchema(() => z.discriminatedUnion('status', [
  z.object({ ...contactOutcomeBase, status: z.literal('created'), contactId: z.string().max(100) }),
  z.object({ ...contactOutcomeBase, status: z.literal('failed'), error: appErrorSchema }),
]));
export type ContactOutcome = z.infer<typeof contactOutcomeSchema>;
