import { describe, expect, it } from 'vitest';
import { pipelineChecks, type PipelineCheckInput } from '@/lib/hubspot-lane/background/pipeline-checks';
import { proposeForRecord } from '@/lib/hubspot-lane/background/propose-for-record';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import type { PropertyDefinition } from '@/lib/schemas/hubspot';
import type { EvidenceText } from '@/lib/schemas/proposal';
import { hubspotSeed } from '../../support/fake-hubspot';

const definitions = (type: string) => (hubspotSeed.definitions[type] ?? []) as PropertyDefinition[];
const meeting = (id: string, date: string, text: string, type = '0-47'): EvidenceText => ({
  ref: `engagement/${type}/${id}`,
  kind: 'note',
  label: `${type === '0-47' ? 'Meeting note' : 'Note'} of ${date}`,
  text,
  date: `${date}T14:00:00.000Z`,
});
const deal = (properties: Record<string, string | null>, rest: Partial<PipelineCheckInput> = {}): PipelineCheckInput => ({
  record: { objectType: '0-3', objectId: '7304', properties: { dealname: 'Pilot', pipeline: 'default', dealstage: 'presentationscheduled', ...properties } },
  definitions: definitions('0-3'),
  closed: false,
  sources: [],
  now: new Date('2026-06-01T09:00:00Z'),
  ...rest,
});
const rules = (input: PipelineCheckInput) => pipelineChecks(input).map((c) => c.finding.rule);
const check = (input: PipelineCheckInput, rule: string) => pipelineChecks(input).find((c) => c.finding.rule === rule);

describe('pipeline checks: a missing next step', () => {
  it('flags an open deal without next step, with the empty property as evidence', () => {
    const found = check(deal({}), 'missing_next_step');
    expect(found?.finding).toMatchObject({ property: 'hs_next_step', message: 'This open deal has no next step.', evidence: { quote: 'Next step: (empty); deal stage: Presentation Scheduled', source: { kind: 'record' } } });
    expect(found?.candidate).toBeNull();
  });

  it('proposes the step agreed in the logged meeting, its year-less date read against the meeting day and shown as inferred', () => {
    const found = check(deal({}, { sources: [meeting('1', '2026-05-28', 'We agreed to start the pilot on June 3.')] }), 'missing_next_step');
    expect(found?.candidate).toMatchObject({ property: 'hs_next_step', value: 'Start the pilot on June 3 (2026-06-03)', quote: 'We agreed to start the pilot on June 3', source: { ref: 'engagement/0-47/1' } });
    expect(found?.candidate?.reason).toContain('The open deal has no next step.');
    expect(found?.candidate?.reason).toContain('(inferred, not stated)');
  });

  it('does not flag a deal with a next step, a closed deal, or a deal whose stage is unknown', () => {
    expect(rules(deal({ hs_next_step: 'Send the quote' }))).not.toContain('missing_next_step');
    expect(rules(deal({}, { closed: true }))).toEqual([]);
    expect(rules(deal({}, { closed: undefined }))).toEqual([]);
  });
});

describe('pipeline checks: a close date in the past', () => {
  it('flags it with the date as evidence, and proposes the date the newest note gives, read against that note', () => {
    const sources = [meeting('1', '2026-05-28', 'Priya expects to sign the contract by June 28; legal is reviewing.'), meeting('2', '2026-05-01', 'They might sign in April.', '0-46')];
    const found = check(deal({ closedate: '2026-05-15T00:00:00.000Z', hs_next_step: 'x' }, { sources }), 'close_date_past');
    expect(found?.finding).toMatchObject({ property: 'closedate', message: 'The close date 2026-05-15 is in the past, and the deal is still open.', evidence: { quote: 'Close date: 2026-05-15' } });
    expect(found?.candidate).toMatchObject({ value: '2026-06-28', quote: 'Priya expects to sign the contract by June 28', source: { ref: 'engagement/0-47/1' } });
    expect(found?.candidate?.reason).toBe('The close date 2026-05-15 has passed on an open deal. "June 28" has no year: read as 2026-06-28 from the date of the meeting note of 2026-05-28 (inferred, not stated).');
  });

  it('reads "by January 15" in a December note as the next January, and proposes no date already past', () => {
    const december = [meeting('1', '2026-12-20', 'They will sign the order by January 15.')];
    expect(check(deal({ closedate: '2026-12-01T00:00:00Z', hs_next_step: 'x' }, { sources: december, now: new Date('2027-01-05T09:00:00Z') }), 'close_date_past')?.candidate?.value).toBe('2027-01-15');
    // "by June 28" in a note of May 2026 is 2026-06-28 (never a year guessed from today): past by 2027, so nothing is proposed.
    const may = [meeting('1', '2026-05-28', 'Priya expects to sign the contract by June 28.')];
    const late = check(deal({ closedate: '2026-05-15T00:00:00Z', hs_next_step: 'x' }, { sources: may, now: new Date('2027-01-05T09:00:00Z') }), 'close_date_past');
    expect(late?.finding.rule).toBe('close_date_past');
    expect(late?.candidate).toBeNull();
  });

  it('does not flag a future close date, nor a past one on a closed deal', () => {
    expect(rules(deal({ closedate: '2026-07-01T00:00:00Z' }))).not.toContain('close_date_past');
    expect(rules(deal({ closedate: '2026-05-01T00:00:00Z' }, { closed: true }))).not.toContain('close_date_past');
  });
});

describe('pipeline checks: a stage the last meeting contradicts', () => {
  it('a signed contract in the last meeting against an open stage proposes Closed Won, quoting the meeting', () => {
    const sources = [meeting('2', '2026-05-30', 'Good news: Priya signed the contract this morning.'), meeting('1', '2026-05-20', 'They decided not to go ahead with the sensors.')];
    const found = check(deal({ hs_next_step: 'x' }, { sources }), 'stage_contradicted');
    expect(found?.finding).toMatchObject({ property: 'dealstage', message: 'The last meeting note of 2026-05-30 says the contract is signed, but the deal stage is Presentation Scheduled.', evidence: { quote: 'Good news: Priya signed the contract this morning', source: { ref: 'engagement/0-47/2' } } });
    expect(found?.candidate).toMatchObject({ property: 'dealstage', value: 'closedwon' });
  });

  it('a customer not going ahead proposes Closed Lost; a contract not yet signed, or a stage that already agrees, raises nothing', () => {
    expect(check(deal({ hs_next_step: 'x' }, { sources: [meeting('1', '2026-05-30', 'They decided not to go ahead with the pilot.')] }), 'stage_contradicted')?.candidate?.value).toBe('closedlost');
    expect(rules(deal({ hs_next_step: 'x' }, { sources: [meeting('1', '2026-05-30', 'The contract is not signed yet.')] }))).toEqual([]);
    expect(rules(deal({ hs_next_step: 'x', dealstage: 'closedwon' }, { closed: true, sources: [meeting('1', '2026-05-30', 'Priya signed the contract.')] }))).toEqual([]);
  });

  it('reads only meetings and calls, not notes', () => {
    expect(rules(deal({ hs_next_step: 'x' }, { sources: [meeting('1', '2026-05-30', 'Priya signed the contract.', '0-46')] }))).toEqual([]);
  });
});

describe('pipeline checks: an owner missing on a new lead', () => {
  const contact = (properties: Record<string, string | null>): PipelineCheckInput => ({ record: { objectType: '0-1', objectId: '901', properties }, definitions: definitions('0-1'), closed: undefined, sources: [], now: new Date('2026-06-01T09:00:00Z') });
  it('flags a lead without owner, with the empty owner and the stage as evidence; proposes no owner itself', () => {
    const found = check(contact({ lifecyclestage: 'lead', hubspot_owner_id: null }), 'owner_missing');
    expect(found?.finding).toMatchObject({ property: 'hubspot_owner_id', evidence: { quote: 'Contact owner: (empty); lifecycle stage: Lead', source: { kind: 'record' } } });
    expect(found?.candidate).toBeNull();
  });
  it('does not flag an owned lead or an unowned customer', () => {
    expect(rules(contact({ lifecyclestage: 'lead', hubspot_owner_id: '61001' }))).toEqual([]);
    expect(rules(contact({ lifecyclestage: 'customer' }))).toEqual([]);
  });
});

describe('the CRM discipline lane on a deal', () => {
  it('shows each gap with decision: human where the lane says so, and proposes the fixes the activity gives', async () => {
    const sources = [meeting('1', '2026-05-28', 'We agreed to start the pilot on June 3; Priya expects to sign the contract by June 28.')];
    const lanes = defaultLanes.filter((l) => l.id === 'crm-discipline');
    const input = { ...deal({ closedate: '2026-05-15T00:00:00.000Z' }, { sources }), state: { closed: false } };
    const result = await proposeForRecord({ record: input.record, definitions: input.definitions, sources, state: input.state }, { lanes, handoffs: [], engines: [], now: input.now });
    expect(result.findings.map((f) => [f.rule, f.humanDecision, f.proposed])).toEqual([
      ['missing_next_step', false, true],
      ['close_date_past', true, true],
    ]);
    const closedate = result.proposals.find((p) => p.proposal.property === 'closedate')?.proposal;
    expect(closedate).toMatchObject({ humanDecision: true, evidence: { quote: 'Priya expects to sign the contract by June 28' } });
    expect(closedate?.reason).toContain('inferred, not stated');
  });

  it('a new lead without owner is flagged as a decision for a person, since the lane may not change ownership', async () => {
    const lanes = defaultLanes.filter((l) => l.id === 'crm-discipline');
    const record = { objectType: '0-1', objectId: '901', properties: { email: 'priya@kestrel-foods.example', lifecyclestage: 'lead' } };
    const result = await proposeForRecord({ record, definitions: definitions('0-1'), sources: [] }, { lanes, handoffs: [], engines: [], now: new Date('2026-06-01T09:00:00Z') });
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'owner_missing', humanDecision: true, proposed: false })]);
    expect(result.proposals).toEqual([]);
  });
});
