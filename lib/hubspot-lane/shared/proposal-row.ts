import type { ProposalRow } from '@/lib/schemas/hubspot';
import { RESOLVED_PROPOSAL_STATUSES } from '@/lib/schemas/proposal';

/** The value an accepted row writes: the rep's edit, else the proposal. */
export const valueToWrite = (row: ProposalRow): string => row.proposal.editedValue ?? row.proposal.proposedValue;

/** Rows that still wait for the rep: everything but written and rejected. */
export const isUnresolved = (row: ProposalRow): boolean => !RESOLVED_PROPOSAL_STATUSES.includes(row.proposal.status);

export const isApproved = (row: ProposalRow): boolean =>
  (row.proposal.status === 'accepted' || row.proposal.status === 'edited') && row.approvalHash !== null;

const madeFrom = (row: ProposalRow, packetId: string): boolean =>
  row.proposal.evidence.source.kind === 'handoff' && row.proposal.evidence.source.ref === packetId;

/** A handoff packet is consumed once every proposal made from it on this record is written or rejected. */
export const packetConsumed = (packetId: string, rows: ProposalRow[]): boolean =>
  rows.some((r) => madeFrom(r, packetId)) && !rows.some((r) => madeFrom(r, packetId) && isUnresolved(r));
