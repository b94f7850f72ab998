import { describe, expect, it } from 'vitest';
import { packetConsumed } from '@/lib/hubspot-lane/shared/proposal-row';
import type { ProposalRow } from '@/lib/schemas/hubspot';
import type { FieldProposal } from '@/lib/schemas/proposal';
import { hubspotSeed } from '../../support/fake-hubspot';

const definition = hubspotSeed.definitions['0-1']!.find((d) => d.name === 'jobtitle')!;
function row(property: string, status: FieldProposal['status'], source: { kind: 'handoff' | 'note'; ref: string }): ProposalRow {
  return {
    id: `hubspot:1:0-1:901#${property}`,
    subject: 'hubspot:1:0-1:901',
    lane: 'lead-routing',
    proposal: { id: property, objectType: '0-1', objectId: '901', property, label: property, currentValue: null, proposedValue: 'x', reason: 'r', evidence: { quote: 'q', source: { ...source, label: 'l' } }, confidence: 0.8, humanDecision: false, status },
    definition,
    approvalHash: null,
    conflict: null,
    written: null,
    undoOf: null,
  };
}

describe('packetConsumed: what leaves *Waiting handoffs* without a reload', () => {
  const packet = { kind: 'handoff' as const, ref: 'handoff:gmail:1' };
  it('once every row made from the packet is written or rejected', () => {
    expect(packetConsumed(packet.ref, [row('jobtitle', 'written', packet), row('phone', 'rejected', packet)])).toBe(true);
  });
  it('not while one of its rows is pending, approved, in conflict or failed', () => {
    for (const open of ['pending', 'accepted', 'edited', 'conflict', 'failed'] as const) {
      expect(packetConsumed(packet.ref, [row('jobtitle', 'written', packet), row('phone', open, packet)])).toBe(false);
    }
  });
  it('not when no row was made from it here, and rows from other sources do not count', () => {
    expect(packetConsumed(packet.ref, [])).toBe(false);
    expect(packetConsumed(packet.ref, [row('jobtitle', 'written', { kind: 'note', ref: packet.ref })])).toBe(false);
  });
});
