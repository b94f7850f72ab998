import type { GatedCandidate } from '@/lib/review/proposal-gate';
import type { PropertyDefinition } from '@/lib/schemas/hubspot';
import type { DroppedProposal, FieldProposal } from '@/lib/schemas/proposal';
import type { RecordSnapshot } from '@/lib/engine/types';
import { isWritable, sameValue, validateProposedValue } from '@/lib/hubspot-lane/shared/property-validators';

/** Stages only move forward by proposal: a rep may move one back, an engine may not suggest it. */
const FORWARD_ONLY = new Set(['lifecyclestage', 'dealstage']);

/** A day 'YYYY-MM-DD' in the property's own form (datetime: midnight UTC); other values as they are. */
function inPropertyForm(def: PropertyDefinition, value: string): string {
  if (def.type !== 'datetime' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return `${value}T00:00:00.000Z`;
}

const optionOrder = (def: PropertyDefinition, value: string | null) => def.options.findIndex((o) => o.value === value);

/**
 * What the portal accepts, after the review gate: the property exists and is writable here, the value is in its
 * form and accepted, it is not already the value, a stage only moves forward. The most confident per property wins.
 */
export function toProposals(record: RecordSnapshot, definitions: PropertyDefinition[], candidates: GatedCandidate[], idSuffix = ''): { proposals: FieldProposal[]; dropped: DroppedProposal[] } {
  const dropped: DroppedProposal[] = [];
  const drop = (property: string, reason: string) => {
    if (!dropped.some((d) => d.property === property && d.reason === reason)) dropped.push({ property, reason });
  };
  const best = new Map<string, { candidate: GatedCandidate; value: string; def: PropertyDefinition }>();
  for (const c of candidates) {
    const def = definitions.find((d) => d.name === c.property);
    if (!def) {
      drop(c.property, 'no such property in this HubSpot portal');
      continue;
    }
    if (!isWritable(def)) {
      drop(c.property, 'read-only in this HubSpot portal');
      continue;
    }
    const value = inPropertyForm(def, c.value);
    const valid = validateProposedValue(def, value);
    if (!valid.ok) {
      drop(c.property, `value not accepted by the property: ${valid.reason}`);
      continue;
    }
    const current = record.properties[c.property] ?? null;
    if (sameValue(def, current, value)) {
      drop(c.property, 'already the current value');
      continue;
    }
    if (FORWARD_ONLY.has(c.property) && current !== null && optionOrder(def, value) <= optionOrder(def, current)) {
      drop(c.property, `would move ${def.label} back from ${current}`);
      continue;
    }
    const held = best.get(c.property);
    if (!held || c.confidence >= held.candidate.confidence) best.set(c.property, { candidate: c, value, def });
  }
  const proposals: FieldProposal[] = [...best.values()].map(({ candidate: c, value, def }) => ({
    id: `${record.objectType}/${record.objectId}/${c.property}/${c.source.ref}${idSuffix}`,
    objectType: record.objectType,
    objectId: record.objectId,
    property: c.property,
    label: def.label,
    currentValue: record.properties[c.property] ?? null,
    proposedValue: value,
    reason: c.reason,
    evidence: { quote: c.quote, source: c.source },
    confidence: c.confidence,
    humanDecision: c.humanDecision,
    status: 'pending',
  }));
  return { proposals, dropped };
}
