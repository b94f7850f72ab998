import { describe, expect, it } from 'vitest';
import { categories, categoryIds, laneForCategory } from '@/lib/lanes/categories';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { parseLanes } from '@/lib/lanes/parse-lanes';
import { laneSchema } from '@/lib/schemas/lane';

const laneIds = ['shared-inbox-triage', 'support-replies', 'lead-routing', 'rfq-response', 'meeting-followup', 'crm-discipline', 'intake-onboarding'];

describe('default lanes', () => {
  it('are the seven shipped lanes and each validates', () => {
    expect(defaultLanes.map((l) => l.id)).toEqual(laneIds);
    for (const lane of defaultLanes) expect(laneSchema.safeParse(lane).success).toBe(true);
    expect(parseLanes(defaultLanes).ok).toBe(true);
  });

  it('fill every dimension concretely', () => {
    for (const lane of defaultLanes) {
      expect(lane.objective.length).toBeGreaterThan(20);
      expect(lane.inputs.length).toBeGreaterThan(0);
      expect(lane.processing.actions.length).toBeGreaterThan(0);
      expect(lane.outputs.length).toBeGreaterThan(0);
      expect(lane.consumers.length).toBeGreaterThan(0);
      expect(lane.decisionsNotMade.length).toBeGreaterThan(0);
      expect(lane.qualityChecks.requiredFields.length).toBeGreaterThan(0);
      expect(lane.failureFeedback.escalateTo).not.toBe('');
      expect(lane.failureFeedback.escalateWhen.length).toBeGreaterThan(0);
      expect(lane.kpis.length).toBeGreaterThan(0);
      expect(lane.trigger.categories.length + lane.trigger.recordTypes.length).toBeGreaterThan(0);
    }
  });

  it('keep deal stage, amount and close date a human decision wherever they are writable', () => {
    for (const lane of defaultLanes) {
      for (const p of ['dealstage', 'amount', 'closedate']) {
        if (lane.processing.writableProperties.includes(p)) expect(lane.humanDecisionProperties).toContain(p);
      }
    }
  });

  it('give the RFQ packet its handoff fields', () => {
    const rfq = defaultLanes.find((l) => l.id === 'rfq-response');
    expect(rfq?.handoffFields).toEqual(['buyer', 'product', 'quantity', 'moq', 'certifications', 'lead_time', 'incoterms', 'target_date']);
    expect(rfq?.riskAcknowledgements).toContain('pricing_commitment');
  });
});

describe('category taxonomy', () => {
  it('maps every category to exactly one lane, the one whose trigger lists it', () => {
    for (const id of categoryIds) {
      const triggered = defaultLanes.filter((l) => l.trigger.categories.includes(id));
      expect(triggered.map((l) => l.id)).toEqual([laneForCategory(id)]);
    }
  });

  it('lists no lane trigger category outside the taxonomy', () => {
    const known = new Set<string>(categoryIds);
    for (const lane of defaultLanes) for (const c of lane.trigger.categories) expect(known.has(c)).toBe(true);
  });

  it('gives every category an owner and sends unknown ones to shared inbox triage', () => {
    for (const c of categories) expect(c.owner).not.toBe('');
    expect(laneForCategory('something_new')).toBe('shared-inbox-triage');
  });
});

describe('parseLanes', () => {
  const copy = () => structuredClone(defaultLanes);

  it('rejects data that is not a lane, naming the field', () => {
    const lanes = copy() as unknown as Array<Record<string, unknown>>;
    delete lanes[0]!.objective;
    const result = parseLanes(lanes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('objective');
  });

  it('rejects duplicate ids and an empty list', () => {
    const lanes = copy();
    lanes[1]!.id = lanes[0]!.id;
    expect(parseLanes(lanes).ok).toBe(false);
    expect(parseLanes([]).ok).toBe(false);
  });

  it('rejects a lane that would write amount without a human decision', () => {
    const lanes = copy();
    const rfq = lanes.find((l) => l.id === 'rfq-response')!;
    rfq.humanDecisionProperties = rfq.humanDecisionProperties.filter((p) => p !== 'amount');
    const result = parseLanes(lanes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('lanes_human_decision');
  });
});
