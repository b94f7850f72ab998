import { proposeFieldsLocally, type DroppedProposal } from '@/lib/engine/local/field-proposals';
import type { Lane } from '@/lib/schemas/lane';
import type { FieldProposal, HandoffPacket } from '@/lib/schemas/proposal';
import type { RecordView } from '@/lib/schemas/hubspot';

export interface LaneProposal {
  lane: string;
  proposal: FieldProposal;
}

export interface RecordProposals {
  proposals: LaneProposal[];
  dropped: (DroppedProposal & { lane: string | null })[];
  ignoredSources: { ref: string; reason: string }[];
}

type Snapshot = Pick<RecordView, 'ref' | 'properties' | 'definitions' | 'notes'>;

/**
 * Proposals for one record. The record's own notes go through the HubSpot lanes for its type; each handoff
 * packet goes through the lane that made it, so a packet can never widen what its lane may write.
 * One proposal per property: the most confident wins.
 */
export function proposeForRecord(view: Snapshot, lanes: Lane[], handoffs: HandoffPacket[], now: Date): RecordProposals {
  const record = { objectType: view.ref.objectTypeId, objectId: view.ref.objectId, properties: view.properties };
  const out: RecordProposals = { proposals: [], dropped: [], ignoredSources: [] };
  const collect = (lane: Lane, sources: Parameters<typeof proposeFieldsLocally>[0]['sources']) => {
    const result = proposeFieldsLocally({ record, definitions: view.definitions, lane, sources, now });
    out.proposals.push(...result.proposals.map((proposal) => ({ lane: lane.id, proposal })));
    out.dropped.push(...result.dropped.map((d) => ({ ...d, lane: lane.id })));
    out.ignoredSources.push(...result.ignoredSources.filter((s) => !out.ignoredSources.some((o) => o.ref === s.ref)));
  };

  for (const lane of lanesForRecord(lanes, record.objectType)) {
    collect(lane, { notes: view.notes });
  }
  const byLane = new Map<string, HandoffPacket[]>();
  for (const packet of handoffs) byLane.set(packet.lane, [...(byLane.get(packet.lane) ?? []), packet]);
  for (const [laneKey, packets] of byLane) {
    const lane = lanes.find((l) => l.id === laneKey || l.name === laneKey);
    if (!lane) {
      for (const p of packets) for (const property of Object.keys(p.fields)) out.dropped.push({ property, reason: `handoff from unknown lane ${laneKey}`, lane: null });
      continue;
    }
    collect(lane, { handoffs: packets });
  }

  return { ...out, proposals: bestPerProperty(out.proposals) };
}

/** One proposal per property, whichever lane or engine made it: the most confident wins. */
export function bestPerProperty(proposals: LaneProposal[]): LaneProposal[] {
  const best = new Map<string, LaneProposal>();
  for (const candidate of proposals) {
    const held = best.get(candidate.proposal.property);
    if (!held || candidate.proposal.confidence > held.proposal.confidence) best.set(candidate.proposal.property, candidate);
  }
  return [...best.values()];
}

/** The record's HubSpot lanes: those whose trigger names this record type. */
export const lanesForRecord = (lanes: Lane[], objectTypeId: string) =>
  lanes.filter((l) => l.trigger.site === 'hubspot' && l.trigger.recordTypes.includes(objectTypeId));
