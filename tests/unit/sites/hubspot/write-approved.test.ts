import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FieldProposal } from '@/lib/schemas/proposal';
import { createHubSpotClient, type HubSpotClient } from '@/lib/sites/hubspot/api-client';
import { type ApprovalPayload, approvalHash } from '@/lib/sites/hubspot/approval-hash';
import { reverseProposal, writeApproved } from '@/lib/sites/hubspot/write-approved';
import type { ApprovedField, WrittenOutcome } from '@/lib/schemas/hubspot';
import { type FakeHubSpot, hubspotSeed, startFakeHubSpot } from '../../../support/fake-hubspot';

const deal = { objectTypeId: '0-3', objectId: hubspotSeed.ids.deal };
let fake: FakeHubSpot;
let client: HubSpotClient;

beforeEach(async () => {
  fake = await startFakeHubSpot();
  client = createHubSpotClient({ mode: 'token', token: hubspotSeed.token, baseUrl: fake.url, fetch: (u, i) => fetch(u, i) });
});
afterEach(async () => {
  await fake.close();
});

async function approve(property: string, basedOnValue: string | null, value: string, ref = deal): Promise<ApprovedField> {
  const payload: ApprovalPayload = { objectType: ref.objectTypeId, objectId: ref.objectId, property, basedOnValue, value };
  return { property, basedOnValue, value, approvalHash: await approvalHash(payload) };
}

const patches = () => fake.requests.filter((r) => r.method === 'PATCH');
const stored = (name: string) => fake.state.records.get('0-3')?.get(deal.objectId)?.properties[name];

describe('approvalHash', () => {
  it('is a stable SHA-256 over the exact payload', async () => {
    const payload = { objectType: '0-3', objectId: '7301', property: 'amount', basedOnValue: '9800', value: '12500' };
    const hash = await approvalHash(payload);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await approvalHash({ value: '12500', basedOnValue: '9800', property: 'amount', objectId: '7301', objectType: '0-3' })).toBe(hash);
    expect(await approvalHash({ ...payload, value: '12501' })).not.toBe(hash);
    expect(await approvalHash({ ...payload, basedOnValue: null })).not.toBe(hash);
    expect(await approvalHash({ ...payload, objectId: '7302' })).not.toBe(hash);
  });
});

describe('writeApproved', () => {
  it('re-reads, then sends exactly one PATCH with exactly the approved properties', async () => {
    const approved = [await approve('amount', '9800', '12500'), await approve('hs_next_step', null, 'Send revised quote for 2,000 units')];
    const report = await writeApproved(client, deal, approved);
    expect(report.patched).toBe(true);
    expect(patches()).toHaveLength(1);
    expect(patches()[0]?.body).toEqual({ properties: { amount: '12500', hs_next_step: 'Send revised quote for 2,000 units' } });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', query: { properties: 'amount,hs_next_step' } });
    // Each outcome carries HubSpot's correlation id of the PATCH that decided it.
    const patchId = fake.correlationIds[fake.requests.indexOf(patches()[0]!)];
    expect(report.outcomes).toEqual([
      { property: 'amount', approvalHash: approved[0]?.approvalHash, status: 'written', before: '9800', after: '12500', correlationId: patchId },
      { property: 'hs_next_step', approvalHash: approved[1]?.approvalHash, status: 'written', before: null, after: 'Send revised quote for 2,000 units', correlationId: patchId },
    ]);
    expect(stored('amount')).toBe('12500');
    expect(fake.unexpected).toEqual([]);
  });

  it('leaves a field another user changed as a conflict and writes the others', async () => {
    const approved = [await approve('amount', '9800', '12500'), await approve('closedate', '2024-05-31T00:00:00Z', '2024-03-28T00:00:00.000Z')];
    fake.setProperty('0-3', deal.objectId, 'amount', '11000');
    const report = await writeApproved(client, deal, approved);
    // A conflict carries the correlation id of the re-read that found it.
    const readId = fake.correlationIds[fake.requests.findIndex((r) => r.method === 'GET')];
    expect(report.outcomes[0]).toEqual({ property: 'amount', approvalHash: approved[0]?.approvalHash, status: 'conflict', theirs: '11000', ours: '12500', base: '9800', correlationId: readId });
    expect(report.outcomes[1]).toMatchObject({ property: 'closedate', status: 'written' });
    expect(patches()).toHaveLength(1);
    expect(patches()[0]?.body).toEqual({ properties: { closedate: '2024-03-28T00:00:00.000Z' } });
    expect(stored('amount')).toBe('11000');
  });

  it('sends no PATCH when every field conflicts', async () => {
    fake.setProperty('0-3', deal.objectId, 'dealstage', 'contractsent');
    const report = await writeApproved(client, deal, [await approve('dealstage', 'qualifiedtobuy', 'presentationscheduled')]);
    expect(report).toMatchObject({ patched: false, outcomes: [{ status: 'conflict', theirs: 'contractsent' }] });
    expect(patches()).toHaveLength(0);
  });

  it('refuses a field whose value differs from what was approved, and writes the rest', async () => {
    const tampered = { ...(await approve('amount', '9800', '12500')), value: '125000' };
    const good = await approve('hs_next_step', null, 'Call Priya');
    const report = await writeApproved(client, deal, [tampered, good]);
    expect(report.outcomes[0]).toMatchObject({ property: 'amount', status: 'failed', error: { code: 'approval.hash_mismatch' } });
    expect(patches()[0]?.body).toEqual({ properties: { hs_next_step: 'Call Priya' } });
    expect(stored('amount')).toBe('9800');
  });

  it('refuses an approval made for another record', async () => {
    const forContact = await approve('amount', '9800', '12500', { objectTypeId: '0-1', objectId: '901' });
    const report = await writeApproved(client, deal, [forContact]);
    expect(report).toMatchObject({ patched: false, outcomes: [{ status: 'failed', error: { code: 'approval.hash_mismatch' } }] });
    expect(fake.requests).toHaveLength(0);
  });

  it("maps HubSpot's validation errors onto the rows, and marks the rest of the PATCH not written", async () => {
    const report = await writeApproved(client, deal, [await approve('dealstage', 'qualifiedtobuy', 'won_big'), await approve('hs_next_step', null, 'Call Priya')]);
    expect(report.outcomes[0]).toMatchObject({ property: 'dealstage', status: 'failed', error: { code: 'hubspot.validation', message: expect.stringContaining('won_big') } });
    expect(report.outcomes[1]).toMatchObject({ property: 'hs_next_step', status: 'failed', error: { code: 'hubspot.not_written' } });
    expect(patches()).toHaveLength(1);
    expect(stored('hs_next_step')).toBeUndefined();
  });

  it('fails every row with the read error when the record cannot be re-read', async () => {
    const report = await writeApproved(client, { objectTypeId: '0-3', objectId: '404' }, [await approve('amount', '1', '2', { objectTypeId: '0-3', objectId: '404' })]);
    expect(report).toMatchObject({ patched: false, outcomes: [{ status: 'failed', error: { code: 'hubspot.not_found' } }] });
  });
});

describe('reverseProposal', () => {
  it('proposes writing back the value a write replaced, pending a new approval', async () => {
    const report = await writeApproved(client, deal, [await approve('amount', '9800', '12500')]);
    const written = report.outcomes[0] as WrittenOutcome;
    const original: FieldProposal = {
      id: 'p1', objectType: '0-3', objectId: deal.objectId, property: 'amount', label: 'Amount', currentValue: '9800', proposedValue: '12500',
      reason: 'Quoted total', evidence: { quote: 'total of $12,500', source: { kind: 'email', ref: 'm1', label: 'Email' } },
      confidence: 0.8, humanDecision: true, status: 'written',
    };
    const undo = reverseProposal(written, original, 'undo-1');
    expect(undo).toMatchObject({ id: 'undo-1', property: 'amount', currentValue: '12500', proposedValue: '9800', status: 'pending', humanDecision: true });
    // The undo is itself an approved write, based on the value now in HubSpot.
    const again = await writeApproved(client, deal, [await approve(undo.property, undo.currentValue, undo.proposedValue)]);
    expect(again.outcomes[0]).toMatchObject({ status: 'written', before: '12500', after: '9800' });
    expect(stored('amount')).toBe('9800');
  });
});

describe('writeApproved: what HubSpot refuses, on its row', () => {
  const contact = { objectTypeId: '0-1', objectId: hubspotSeed.ids.contact };

  it('a duplicate email (409) is the email row\'s own error, "another record already has this email"; the other row is not written', async () => {
    const approved = [await approve('email', 'priya@kestrel-foods.example', 'hamid.rostami@gulfbuild-trading.example', contact), await approve('jobtitle', null, 'Buyer', contact)];
    const report = await writeApproved(client, contact, approved);
    expect(report.outcomes).toEqual([
      expect.objectContaining({ property: 'email', status: 'failed', error: expect.objectContaining({ code: 'hubspot.duplicate_value', message: expect.stringContaining('another record already has this email') }) }),
      expect.objectContaining({ property: 'jobtitle', status: 'failed', error: expect.objectContaining({ code: 'hubspot.not_written' }) }),
    ]);
    expect(fake.state.records.get('0-1')?.get(contact.objectId)?.properties.jobtitle).toBeUndefined();
  });

  it('a 400 with only the packed "Property values were not valid" message still gives each refused field its own error', async () => {
    await fake.close();
    fake = await startFakeHubSpot({ validationErrors: 'message-only' });
    client = createHubSpotClient({ mode: 'token', token: hubspotSeed.token, baseUrl: fake.url, fetch: (u, i) => fetch(u, i) });
    // The client never proposes these forms; an edit made elsewhere could, and HubSpot's answer must still land on the row.
    const approved = [await approve('onboarding_start_date', null, '2024-06-03T09:30:00Z'), await approve('amount', '9800', '12500')];
    const report = await writeApproved(client, deal, approved);
    expect(report.outcomes).toEqual([
      expect.objectContaining({ property: 'onboarding_start_date', status: 'failed', error: expect.objectContaining({ code: 'hubspot.validation', message: expect.stringContaining('midnight UTC') }) }),
      expect.objectContaining({ property: 'amount', status: 'failed', error: expect.objectContaining({ code: 'hubspot.not_written' }) }),
    ]);
    expect(stored('amount')).toBe('9800');
  });

  it('a refusal that names no property of the PATCH is each row\'s own error, not "another field was refused"', async () => {
    const approved = [await approve('amount', '9800', '12500'), await approve('hs_next_step', null, 'Call Tom')];
    const read = await client.getRecord('0-3', deal.objectId, ['amount', 'hs_next_step']);
    const stub: Pick<HubSpotClient, 'getRecord' | 'updateRecord'> = {
      getRecord: async () => read,
      updateRecord: async () => ({ ok: false, error: { code: 'hubspot.validation', message: 'HubSpot refused the request: Invalid input JSON on line 1', nextStep: 'Correct the value, then approve again.', status: 400, propertyErrors: [] } }),
    };
    const report = await writeApproved(stub, deal, approved);
    expect(report.outcomes.map((o) => (o.status === 'failed' ? [o.property, o.error.code, o.error.message] : o.status))).toEqual([
      ['amount', 'hubspot.validation', 'HubSpot refused the request: Invalid input JSON on line 1'],
      ['hs_next_step', 'hubspot.validation', 'HubSpot refused the request: Invalid input JSON on line 1'],
    ]);
  });
});
