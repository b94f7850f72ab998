import type { PropertyDefinition } from '@/lib/schemas/hubspot';
import { firstFiringRule } from '@/lib/lanes/routing-rules';
import type { Lane, RoutingRule } from '@/lib/schemas/lane';
import type { DroppedProposal, EvidenceSource, FieldCandidate, HandoffPacket } from '@/lib/schemas/proposal';

/**
 * The lane's routing rules (its SOP's, as the admin keeps them in the lane data) applied to a lead's handoff: the first
 * rule that fires proposes its owner, found among the portal's owners (the owner property's options, filled in from the
 * owners API), with the rule as the reason and the customer's sentence the rule read as the evidence.
 */

/** The owner a rule names, among the portal's owners: by owner id, email address or name (case aside). Archived owners are not offered. */
export function findOwner(owner: string, ownerProperty: PropertyDefinition | undefined): { id: string; name: string } | null {
  const wanted = owner.trim().toLowerCase();
  const option = ownerProperty?.options.find((o) => !o.hidden && [o.value, o.description ?? '', o.label].some((v) => v.toLowerCase() === wanted));
  return option ? { id: option.value, name: option.label } : null;
}

const condition = (rule: RoutingRule) => (rule.when.atLeast !== undefined ? `${rule.when.field} at least ${rule.when.atLeast}` : `${rule.when.field} mentions "${rule.when.matches}"`);

export type RoutingProposal = { candidate: FieldCandidate } | { dropped: DroppedProposal } | null;

/** The owner the lane's routing proposes for a packet, or why none is proposed; null when no rule fires. */
export function routeLead(packet: HandoffPacket, lane: Lane, definitions: PropertyDefinition[], source: EvidenceSource): RoutingProposal {
  const rule = firstFiringRule(lane.routing ?? [], packet.fields);
  if (!rule) return null;
  const quote = packet.evidence?.[rule.when.field];
  if (!quote) return { dropped: { property: 'hubspot_owner_id', reason: `routing rule on ${rule.when.field} has no sentence to quote` } };
  const owner = findOwner(rule.owner, definitions.find((d) => d.name === 'hubspot_owner_id'));
  if (!owner) return { dropped: { property: 'hubspot_owner_id', reason: `routing rule owner ${rule.owner} is not an active owner of this HubSpot portal` } };
  return {
    candidate: {
      property: 'hubspot_owner_id',
      value: owner.id,
      quote,
      reason: `Routing rule of the ${lane.name} lane (${condition(rule)}): ${rule.reason} Owner: ${owner.name}.`,
      confidence: 0.8,
      source,
    },
  };
}
