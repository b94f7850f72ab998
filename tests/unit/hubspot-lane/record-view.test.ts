import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TriageDatabase } from '@/lib/db/database';
import { waitingHandoffs } from '@/lib/hubspot-lane/background/handoffs';
import { readRecordView } from '@/lib/hubspot-lane/shared/record-view';
import { createHubSpotClient, type HubSpotClient } from '@/lib/sites/hubspot/api-client';
import { type FakeHubSpot, hubspotSeed, startFakeHubSpot } from '../../support/fake-hubspot';

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

  it('reads no property the portal does not define, and says when the record is missing', async () => {
    const view = await readRecordView(client, ref('0-1', hubspotSeed.ids.contact), ['no_such_property', 'jobtitle']);
    expect(view.ok).toBe(true);
    const asked = fake.requests.find((r) => r.path === `/crm/v3/objects/0-1/${hubspotSeed.ids.contact}`);
    expect(asked?.query.properties?.split(',')).toContain('jobtitle');
    expect(asked?.query.properties?.split(',')).not.toContain('no_such_property');
    expect(await readRecordView(client, ref('0-1', '404404'), [])).toMatchObject({ ok: false, error: { code: 'hubspot.not_found' } });
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
