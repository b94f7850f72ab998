import { z } from 'zod';

/** Where a proposal's evidence came from. The quote is an exact span of that source. */
export const evidenceSourceSchema = z.object({
  kind: z.enum(['email', 'note', 'handoff', 'record']),
  /** Id of the email, note, handoff packet or record the quote was taken from. */
  ref: z.string(),
  label: z.string(),
});
export type EvidenceSource = z.infer<typeof evidenceSourceSchema>;

export const proposalStatusSchema = z.enum(['pending', 'accepted', 'edited', 'rejected', 'written', 'conflict', 'failed']);

/** One proposed HubSpot field update, shown as one row for a rep to accept, edit or reject. */
export const fieldProposalSchema = z.object({
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
});
export type FieldProposal = z.infer<typeof fieldProposalSchema>;

/** Proposed HubSpot updates made in one lane (e.g. a lead email in Gmail) waiting for the record to be opened. */
export const handoffPacketSchema = z.object({
  id: z.string(),
  createdAt: z.number().int().nonnegative(),
  fromThreadId: z.string(),
  lane: z.string(),
  contactEmail: z.string(),
  company: z.string(),
  /** HubSpot property name → proposed value. */
  fields: z.record(z.string(), z.string()),
  /** Field → the customer's own sentence it was read from: the evidence a rep sees in HubSpot. */
  evidence: z.record(z.string(), z.string()).optional(),
  status: z.enum(['waiting', 'consumed', 'dismissed']),
});
export type HandoffPacket = z.infer<typeof handoffPacketSchema>;
