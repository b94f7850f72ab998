import { z } from 'zod';
import { lazySchema } from './lazy-schema';

/** Where a proposal's evidence came from. The quote is an exact span of that source. */
export const evidenceSourceSchema = lazySchema(() => z.object({
  kind: z.enum(['email', 'note', 'handoff', 'record']),
  /** Id of the email, note, handoff packet or record the quote was taken from. */
  ref: z.string(),
  label: z.string(),
}));
export type EvidenceSource = z.infer<typeof evidenceSourceSchema>;

/** A note, email or logged activity offered as evidence for field proposals. Untrusted: data, never instructions. */
export const evidenceTextSchema = lazySchema(() => z.object({
  ref: z.string(),
  label: z.string(),
  kind: z.enum(['email', 'note']),
  text: z.string().max(65_536),
  /** The sender's address, when known: a signature counts only from the record's own contact. */
  from: z.string().optional(),
  /** When it was written (ISO): dates without a year in it are read relative to this. */
  date: z.string().optional(),
}));
export type EvidenceText = z.infer<typeof evidenceTextSchema>;

/** One value an engine found for a property, with the sentence it read it from; the review gate decides what is shown. */
export const fieldCandidateSchema = lazySchema(() => z.object({
  property: z.string(),
  /** A day is 'YYYY-MM-DD' and is put in the property's own date form by the HubSpot lane. */
  value: z.string(),
  quote: z.string(),
  reason: z.string(),
  confidence: z.number().min(0).max(1),
  source: evidenceSourceSchema,
}));
export type FieldCandidate = z.infer<typeof fieldCandidateSchema>;

/** A candidate that was not proposed, and why (for the audit log; never the text). */
export const droppedProposalSchema = lazySchema(() => z.object({ property: z.string(), reason: z.string() }));
export type DroppedProposal = z.infer<typeof droppedProposalSchema>;

export const proposalStatusSchema = lazySchema(() => z.enum(['pending', 'accepted', 'edited', 'rejected', 'written', 'conflict', 'failed']));
export type ProposalStatus = z.infer<typeof proposalStatusSchema>;
/** A rep's decision closes a proposal: written to HubSpot, or rejected. */
export const RESOLVED_PROPOSAL_STATUSES: readonly ProposalStatus[] = ['written', 'rejected'];

/** One proposed HubSpot field update, shown as one row for a rep to accept, edit or reject. */
export const fieldProposalSchema = lazySchema(() => z.object({
  id: z.string(),
  /** HubSpot object type id: 0-1 contact, 0-2 company, 0-3 deal, 0-5 ticket, 2-NNNN custom. */
  objectType: z.string(),
  objectId: z.string(),
  property: z.string(),
  label: z.string(),
  /** The value as read from HubSpot when the proposal was made; the write is based on it. */
  currentValue: z.string().nullable(),
  proposedValue: z.string(),
  reason: z.string(),
  evidence: z.object({ quote: z.string(), source: evidenceSourceSchema }),
  confidence: z.number().min(0).max(1),
  /** The lane marks this property "decision: human" (stage, amount, close date...). */
  humanDecision: z.boolean(),
  status: proposalStatusSchema,
  editedValue: z.string().optional(),
  error: z.string().optional(),
}));
export type FieldProposal = z.infer<typeof fieldProposalSchema>;

/** Proposed HubSpot updates made in one lane (e.g. a lead email in Gmail) waiting for the record to be opened. */
/** The packet field holding a recap's action items as written, one per line: HubSpot makes follow-up tasks of them (it is no property). */
export const ACTION_ITEMS = 'action_items';

export const handoffPacketSchema = lazySchema(() => z.object({
  id: z.string(),
  createdAt: z.number().int().nonnegative(),
  fromThreadId: z.string(),
  lane: z.string(),
  /** The lane's name when the packet was made, as the panel shows it (absent on older packets). */
  laneName: z.string().optional(),
  contactEmail: z.string(),
  company: z.string(),
  /** HubSpot property name → proposed value. */
  fields: z.record(z.string(), z.string()),
  /** Field → the customer's own sentence it was read from: the evidence a rep sees in HubSpot. */
  evidence: z.record(z.string(), z.string()).optional(),
  status: z.enum(['waiting', 'consumed', 'dismissed']),
  /** The lane's required fields the thread did not give: the packet is incomplete until a rep supplies them. */
  missing: z.array(z.string()).optional(),
  /** The lane's routing rule that fired on this lead, as the Gmail panel shows it; HubSpot checks the owner against its owners. */
  routing: z.object({ owner: z.string(), reason: z.string() }).optional(),
  /** The lane may write none of the fields the thread gave: closed at once rather than left waiting. */
  nothingWritable: z.boolean().optional(),
  /** When the customer's latest message was written (ISO): a recap's dates without a year are read against it. */
  writtenAt: z.string().optional(),
}));
export type HandoffPacket = z.infer<typeof handoffPacketSchema>;
/** A handoff is closed once its proposals were decided in HubSpot, or it was dismissed. */
export const RESOLVED_HANDOFF_STATUSES: readonly HandoffPacket['status'][] = ['consumed', 'dismissed'];

/** What a pipeline admin fixes on a record, with the evidence: the property as it stands, or the engagement quoted. */
export const pipelineFindingSchema = lazySchema(() => z.object({
  rule: z.enum(['missing_next_step', 'close_date_past', 'stage_contradicted', 'owner_missing']),
  property: z.string(),
  message: z.string(),
  evidence: z.object({ quote: z.string(), source: evidenceSourceSchema }),
  /** The lane leaves this property to a person. */
  humanDecision: z.boolean(),
  /** A proposal row fixes it (the record's activity gave a value); otherwise it is for a person to fill in. */
  proposed: z.boolean(),
}));
export type PipelineFinding = z.infer<typeof pipelineFindingSchema>;
