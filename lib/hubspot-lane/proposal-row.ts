import { z } from 'zod';
import { fieldProposalSchema } from '@/lib/schemas/proposal';
import { propertyDefinitionSchema } from '@/lib/sites/hubspot/api-schemas';

/**
 * One proposed update as persisted (db.pending kind 'proposal') and shown as one row: the proposal with its
 * review state, the property's definition (for the right input control and validation), and what happened.
 */
export const proposalRowSchema = z.object({
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
});
export type ProposalRow = z.infer<typeof proposalRowSchema>;

/** The value an accepted row writes: the rep's edit, else the proposal. */
export const valueToWrite = (row: ProposalRow): string => row.proposal.editedValue ?? row.proposal.proposedValue;

/** Rows that still wait for the rep: everything but written and rejected. */
export const isUnresolved = (row: ProposalRow): boolean => row.proposal.status !== 'written' && row.proposal.status !== 'rejected';

export const isApproved = (row: ProposalRow): boolean =>
  (row.proposal.status === 'accepted' || row.proposal.status === 'edited') && row.approvalHash !== null;
