import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TriageDatabase } from '@/lib/db/database';
import { waitingHandoffs } from '@/lib/hubspot-lane/background/handoffs';
import { createLocalEngine } from '@/lib/engine/local/local-engine';
import { toProposals } from '@/lib/hubspot-lane/background/portal-check';
import { proposalInput, proposeForRecord } from '@/lib/hubspot-lane/background/propose-for-record';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { readRecordView } from '@/lib/hubspot-lane/shared/record-view';
import type { GatedCandidate } from '@/lib/review/proposal-gate';
import type { RecordView } from '@/lib/schemas/hubspot';
import { createHubSpotClient, type HubSpotClient } from '@/lib/sites/hubspot/api-client';
import { ALL_TOKEN_SCOPES, type FakeHubSpot, type FakeHubSpotOptions, hubspotSeed, startFakeHubSpot } from '../../support/fake-hubspot';

const ref = (objectTypeId: string, objectId: string) => ({ host: 'app.hubspot.com', portalId: hubspotSeed.portalId, objectTypeId, objectId });
let fake: FakeHubSpot;
let client: HubSpotClient;

beforeEach(async () => {
  fake = await startFakeHubSpot();
  client = createHubSpotClient({ mode: 'token', token: hubspotSeed.token, baseUrl: fake.url, fetch: (u, i) => fetch(u, i) });
});
afterEach(() => fake.close());

describe('readRecordView', () => {
  it('a deal: owner name from owners, stage label from the pipeline, history newest first, matched through its associations', async () => {
    fake.setProperty('0-3', hubspotSeed.ids.deal, 'dealstage', 'presentationscheduled');
    const view = await readRecordView(client, ref('0-3', hubspotSeed.ids.deal), ['amount', 'quantity']);
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value).toMatchObject({ typeLabel: 'Deal', name: 'Kestrel Foods – cold-chain sensors', owner: 'Sam Okafor', stage: { value: 'presentationscheduled', label: 'Presentation Scheduled' } });
    expect(view.value.activity[0]?.text).toBe('Deal Stage set to Presentation Scheduled');
    expect(view.value.properties).toMatchObject({ amount: '9800', quantity: '1200' });
    expect(view.value.match).toEqual({ emails: ['priya@kestrel-foods.example'], domains: ['kestrel-foods.example'] });
    expect(fake.unexpected).toEqual([]);
  });

  it('a whole record view asks nothing HubSpot refuses: no repeated query key, no limit above 500, every type known', async () => {
    for (const [type, id] of [['0-1', hubspotSeed.ids.contact], ['0-2', hubspotSeed.ids.company], ['0-3', hubspotSeed.ids.partnerDeal], ['0-5', hubspotSeed.ids.ticket], ['2-7654321', '880001']] as const) {
      expect((await readRecordView(client, ref(type, id), ['hubspot_owner_id'])).ok, type).toBe(true);
    }
    expect(fake.unexpected).toEqual([]);
    expect(fake.requests.every((r) => r.query.limit === undefined || Number(r.query.limit) <= 500)).toBe(true);
  });

  it('reads no property the portal does not define, and says when the record is missing', async () => {
    const view = await readRecordView(client, ref('0-1', hubspotSeed.ids.contact), ['no_such_property', 'jobtitle']);
    expect(view.ok).toBe(true);
    const asked = fake.requests.find((r) => r.path === `/crm/v3/objects/0-1/${hubspotSeed.ids.contact}`);
    expect(asked?.query.properties?.split(',')).toContain('jobtitle');
    expect(asked?.query.properties?.split(',')).not.toContain('no_such_property');
    expect(await readRecordView(client, ref('0-1', '404404'), [])).toMatchObject({ ok: false, error: { code: 'hubspot.not_found' } });
  });
});

describe('options kept outside the definition', () => {
  async function restart(opts: FakeHubSpotOptions) {
    await fake.close();
    fake = await startFakeHubSpot(opts);
    client = createHubSpotClient({ mode: 'token', token: hubspotSeed.token, baseUrl: fake.url, fetch: (u, i) => fetch(u, i) });
  }
  async function view(objectTypeId: string, objectId: string): Promise<RecordView> {
    const read = await readRecordView(client, ref(objectTypeId, objectId), []);
    if (!read.ok) throw new Error(read.error.message);
    return read.value;
  }
  const candidate = (property: string, value: string): GatedCandidate => ({ property, value, quote: 'q', reason: 'r', confidence: 0.8, source: { kind: 'handoff', ref: 'h1', label: 'Handoff' }, humanDecision: false });
  const propose = (v: RecordView, candidates: GatedCandidate[]) =>
    toProposals({ objectType: v.ref.objectTypeId, objectId: v.ref.objectId, properties: v.properties }, v.definitions, candidates);
  const optionsOf = (v: RecordView, name: string) => v.definitions.find((d) => d.name === name)?.options.map((o) => [o.value, o.label]);

  it('the owner property (externalOptions, referencedObjectType OWNER, empty options) takes every owner, past 500, as its options', async () => {
    await restart({ extraOwners: 700 });
    expect(hubspotSeed.definitions['0-1']?.find((d) => d.name === 'hubspot_owner_id')).toMatchObject({ externalOptions: true, referencedObjectType: 'OWNER', options: [] });
    const contact = await view('0-1', hubspotSeed.ids.contact);
    const owners = optionsOf(contact, 'hubspot_owner_id') ?? [];
    expect(owners).toHaveLength(703);
    expect(owners).toContainEqual(['61003', 'Marta Lindqvist']);
    expect(owners).toContainEqual(['70699', 'Rep 699']);

    const { proposals, dropped } = propose(contact, [candidate('hubspot_owner_id', '70650')]);
    expect(proposals.map((p) => [p.property, p.proposedValue])).toEqual([['hubspot_owner_id', '70650']]);
    expect(dropped).toEqual([]);
    expect(propose(contact, [candidate('hubspot_owner_id', '99999')]).dropped).toEqual([{ property: 'hubspot_owner_id', reason: expect.stringContaining('Must be one of') }]);
  });

  it("a deal's stage options are its own pipeline's stages, not every pipeline's", async () => {
    const partner = await view('0-3', hubspotSeed.ids.partnerDeal);
    expect(partner.stage).toEqual({ value: '1029381', label: 'Partner introduced' });
    expect(optionsOf(partner, 'dealstage')).toEqual([['1029381', 'Partner introduced'], ['1029382', 'Joint proposal'], ['1029383', 'Partner signed'], ['1029384', 'Partner lost']]);
    expect(propose(partner, [candidate('dealstage', '1029382')]).proposals.map((p) => p.proposedValue)).toEqual(['1029382']);
    expect(propose(partner, [candidate('dealstage', 'presentationscheduled')]).dropped[0]?.reason).toContain('Must be one of: 1029381, 1029382');

    const sales = await view('0-3', hubspotSeed.ids.deal);
    expect(optionsOf(sales, 'dealstage')?.map(([id]) => id)).toEqual(['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost']);
    expect(propose(sales, [candidate('dealstage', '1029382')]).proposals).toEqual([]);
  });

  it('owners that cannot be read leave the owner property without choices: an owner proposal is held with the reason, the record still shows', async () => {
    await restart({ tokenScopes: ALL_TOKEN_SCOPES.filter((scope) => scope !== 'crm.objects.owners.read') });
    const deal = await view('0-3', hubspotSeed.ids.deal);
    expect(deal.owner).toBe('Owner 61001');
    expect(deal.unavailable).toEqual([{ source: 'owners', error: expect.objectContaining({ code: 'hubspot.missing_scopes', message: expect.stringContaining('crm.objects.owners.read') }) }]);
    expect(optionsOf(deal, 'hubspot_owner_id')).toEqual([]);
    expect(propose(deal, [candidate('hubspot_owner_id', '61002')]).dropped[0]?.reason).toContain('could not be read from HubSpot');
  });

  it('a definition or history entry that does not parse is left out and counted for the panel, not a failed read', async () => {
    (fake.state.definitions['0-1'] as unknown[]).push({ name: 'odd_property', label: 12 });
    const record = fake.state.records.get('0-1')?.get(hubspotSeed.ids.contact);
    record?.history.lifecyclestage?.push({ value: 'lead', sourceType: 'CRM_UI' } as never);
    const contact = await view('0-1', hubspotSeed.ids.contact);
    expect(contact.skipped).toEqual([
      { source: 'definitions', count: 1 },
      { source: 'history', count: 1 },
    ]);
    expect(contact.definitions.some((d) => d.name === 'odd_property')).toBe(false);
  });
});

describe('dates without a year in a record note', () => {
  it('are read against the date the note was written, and the reason says the year was inferred, never stated', async () => {
    const deal = fake.state.records.get('0-3')?.get(hubspotSeed.ids.deal);
    if (!deal) throw new Error('seed deal missing');
    const text = 'Kestrel confirmed they will sign the contract by June 28.';
    deal.properties.description = text;
    deal.history.description = [{ value: text, timestamp: '2024-03-20T09:00:00.000Z', sourceType: 'CRM_UI', updatedByUserId: 7001 }];
    const view = await readRecordView(client, ref('0-3', hubspotSeed.ids.deal), ['closedate']);
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value.notes).toEqual([expect.objectContaining({ label: 'Deal Description', text, date: '2024-03-20T09:00:00.000Z' })]);
    // Read years later: the note's own date decides the year.
    // An inferred day is a little less sure than a stated one: this lane's floor lets it through.
    const lanes = defaultLanes.map((l) => ({ ...l, qualityChecks: { ...l.qualityChecks, confidenceFloor: 0.6 } }));
    const result = await proposeForRecord(proposalInput(view.value), { lanes, handoffs: [], engines: [createLocalEngine()], now: new Date('2027-01-10T12:00:00Z') });
    const close = result.proposals.find((p) => p.proposal.property === 'closedate')?.proposal;
    expect(close?.proposedValue).toBe('2024-06-28T00:00:00.000Z');
    expect(close?.reason).toContain('without a full date');
    expect(close?.reason).toContain('2024-06-28');
    expect(close?.reason).not.toContain('is stated');
  });
});

describe('waitingHandoffs', () => {
  const packet = (id: string, contactEmail: string, company: string, status: 'waiting' | 'consumed' = 'waiting') => ({ id, createdAt: 1, fromThreadId: `gmail:${id}`, lane: 'lead-routing', contactEmail, company, fields: {}, status });
  async function stored(packets: ReturnType<typeof packet>[]): Promise<TriageDatabase> {
    const db = new TriageDatabase(`handoffs-${Math.random()}`);
    for (const p of packets) await db.pending.put({ id: p.id, kind: 'handoff', subject: p.fromThreadId, status: p.status, createdAt: 1, updatedAt: 1, value: p });
    return db;
  }

  it('matches by the sender address or its mail domain, case-insensitively, and only waiting packets', async () => {
    const db = await stored([packet('a', 'Priya@Kestrel-Foods.example', ''), packet('b', 'ops@KESTREL-FOODS.example', 'Kestrel Foods'), packet('c', 'x@other.example', 'Other'), packet('d', 'priya@kestrel-foods.example', '', 'consumed')]);
    const found = await waitingHandoffs(db, { emails: ['priya@kestrel-foods.example'], domains: ['https://www.kestrel-foods.example/'] });
    expect(found.map((p) => p.id).sort()).toEqual(['a', 'b']);
    db.close();
  });

  it('never matches by a company name in the text: signing "Kestrel Foods" from another domain attaches nothing', async () => {
    const db = await stored([packet('forged', 'ceo@kestrel-foods-billing.example', 'Kestrel Foods'), packet('free', 'kestrel.foods@gmail.com', 'Kestrel Foods')]);
    expect(await waitingHandoffs(db, { emails: ['priya@kestrel-foods.example'], domains: ['kestrel-foods.example'] })).toEqual([]);
    // A record whose domain is a free-mail one matches no stranger on that mail service.
    expect(await waitingHandoffs(db, { emails: [], domains: ['gmail.com'] })).toEqual([]);
    db.close();
  });
});
