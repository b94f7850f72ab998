import { gateCandidates } from '@/lib/review/proposal-gate';
import type { PropertyDefinition } from '@/lib/schemas/hubspot';
import type { Lane } from '@/lib/schemas/lane';
import type { DroppedProposal, EvidenceSource, FieldCandidate, HandoffPacket } from '@/lib/schemas/proposal';
import type { RecordSnapshot } from '@/lib/engine/types';
import { OBJECT_TYPE_IDS } from '@/lib/sites/hubspot/url';

/**
 * A lead's handoff that reaches a company (matched by the lead's mail domain) proposes a new contact at that company,
 * made of the same gated candidates a contact record would get as field proposals: only what the lane may write, each
 * with the customer's sentence. HubSpot decides whether the email is new when the contact is created (a 409 otherwise).
 */

export interface LaneContact {
  lane: string;
  handoffId: string;
  properties: Record<string, string>;
  companyId: string;
  details: { property: string; display: string; reason: string; quote: string }[];
  source: EvidenceSource;
}

/** A lane whose handoffs are for contacts, met on a company: its packet becomes a contact to create, not company fields. */
export const createsContactOn = (lane: Lane, objectType: string) =>
  objectType === OBJECT_TYPE_IDS.company && lane.trigger.recordTypes.includes(OBJECT_TYPE_IDS.contact) && !lane.trigger.recordTypes.includes(OBJECT_TYPE_IDS.company);

/** How the panel shows a value: an owner by name, an option by its label (the company's definition of the same property). */
function displayOf(property: string, value: string, definitions: PropertyDefinition[]): string {
  const def = definitions.find((d) => d.name === property);
  return def?.options.find((o) => o.value === value)?.label ?? value;
}

export function newContactProposal(
  packet: HandoffPacket,
  lane: Lane,
  company: RecordSnapshot,
  definitions: PropertyDefinition[],
  candidates: FieldCandidate[],
  evidence: Map<string, string>,
): { contact: LaneContact | null; dropped: DroppedProposal[] } {
  const gated = gateCandidates(candidates, { lane, evidence });
  const passed = gated.passed.filter((c) => c.value.trim() !== '');
  if (!passed.some((c) => c.property === 'email')) return { contact: null, dropped: [...gated.dropped, { property: 'email', reason: 'a new contact needs the email the lane may write' }] };
  const source = passed[0]!.source;
  return {
    contact: {
      lane: lane.id,
      handoffId: packet.id,
      properties: Object.fromEntries(passed.map((c) => [c.property, c.value])),
      companyId: company.objectId,
      details: passed.map((c) => ({ property: c.property, display: displayOf(c.property, c.value, definitions), reason: c.reason, quote: c.quote })),
      source,
    },
    dropped: gated.dropped,
  };
}
