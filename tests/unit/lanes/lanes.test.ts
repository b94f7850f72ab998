import { describe, expect, it } from 'vitest';
import { findCategory, needsReply, placedCategories, sopTagsOf, taxonomyChoices } from '@/lib/lanes/taxonomy';
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
      for (const f of lane.qualityChecks.requiredFields) expect(lane.handoffFields).toContain(f);
      expect(lane.failureFeedback.escalateTo).not.toBe('');
      expect(lane.failureFeedback.escalateWhen.length).toBeGreaterThan(0);
      expect(lane.kpis.length).toBeGreaterThan(0);
      expect(lane.categories.length + lane.trigger.recordTypes.length).toBeGreaterThan(0);
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
  it('places every starter category in exactly one lane, with an owner, a description and its id as SOP tag', () => {
    const placed = placedCategories(defaultLanes);
    expect(new Set(placed.map((p) => p.category.id)).size).toBe(placed.length);
    for (const { category, lane } of placed) {
      expect(findCategory(defaultLanes, category.id)?.lane.id).toBe(lane.id);
      expect(category.owner).not.toBe('');
      expect(category.description.length).toBeGreaterThan(20);
      expect(sopTagsOf(category)).toEqual([category.id]);
    }
    expect(findCategory(defaultLanes, 'something_new')).toBeUndefined();
  });

  it('reads "no reply" from the category, not from an id in code', () => {
    const lanes = structuredClone(defaultLanes);
    expect(needsReply(lanes, 'newsletter')).toBe(false);
    expect(needsReply(lanes, 'refund_request')).toBe(true);
    expect(needsReply(lanes, 'unknown_kind')).toBe(true);
    lanes[0]!.categories.find((c) => c.id === 'newsletter')!.reply = 'draft';
    expect(needsReply(lanes, 'newsletter')).toBe(true);
  });

  it('offers the categories and owners of the lanes in force, and the escalation targets', () => {
    const choices = taxonomyChoices(defaultLanes);
    expect(choices.categories).toHaveLength(13);
    expect(choices.owners).toContain('Billing team');
    expect(choices.owners).toContain('Support lead');
    expect(new Set(choices.owners).size).toBe(choices.owners.length);
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

  it('rejects a category placed in two lanes, and a category id that is not a plain name', () => {
    const lanes = copy();
    lanes[1]!.categories.push(structuredClone(lanes[0]!.categories[0]!));
    const twice = parseLanes(lanes);
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.code).toBe('lanes_duplicate_category');
    const badId = copy();
    badId[0]!.categories[0]!.id = 'Warranty Claim';
    const result = parseLanes(badId);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('categories.0.id');
  });

  it('upgrades lanes saved with category ids in the trigger to categories as data', () => {
    const legacy = copy().map(({ categories, trigger, ...rest }) => ({ ...rest, trigger: { ...trigger, categories: [...categories.map((c) => c.id), ...(rest.id === 'shared-inbox-triage' ? ['warranty_claim'] : [])] } }));
    const result = parseLanes(legacy);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.flatMap((l) => l.categories.map((c) => c.id))).toContain('warranty_claim');
    const support = result.value.find((l) => l.id === 'support-replies')!;
    expect(support.categories.map((c) => c.label)).toContain('Billing / refund request');
    expect(support.categories[0]!.examples.length).toBeGreaterThan(20);
    expect(findCategory(result.value, 'warranty_claim')?.category.owner).toBe('Support lead');
  });
});
