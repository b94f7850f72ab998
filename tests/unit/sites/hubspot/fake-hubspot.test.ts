import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeHubSpot, hubspotSeed, startFakeHubSpot } from '../../../support/fake-hubspot';

// The fake must refuse what real HubSpot would not accept, or the client tests prove nothing.
let fake: FakeHubSpot;
const auth = { Authorization: `Bearer ${hubspotSeed.token}`, 'Content-Type': 'application/json' };

beforeEach(async () => {
  fake = await startFakeHubSpot();
});
afterEach(async () => {
  await fake.close();
});

describe('fake HubSpot', () => {
  it('records requests of an unexpected shape and answers 400', async () => {
    const post = await fetch(`${fake.url}/crm/v3/objects/0-1/901`, { method: 'POST', headers: auth, body: '{}' });
    const extraKey = await fetch(`${fake.url}/crm/v3/objects/0-1/901`, { method: 'PATCH', headers: auth, body: JSON.stringify({ properties: {}, id: '901' }) });
    const portalOnToken = await fetch(`${fake.url}/crm/v3/owners?portalId=1`, { headers: auth });
    expect([post.status, extraKey.status, portalOnToken.status]).toEqual([400, 400, 400]);
    expect(fake.unexpected).toHaveLength(3);
  });

  it('needs the session cookie and a CSRF header equal to the CSRF cookie on the session API', async () => {
    const url = `${fake.url}/api/crm/v3/owners?portalId=${hubspotSeed.portalId}`;
    const cookie = `hubspotapi=${hubspotSeed.session.cookie}; hubspotapi-csrf=${hubspotSeed.session.csrf}`;
    expect((await fetch(url, { headers: { 'X-HubSpot-CSRF-hubspotapi': hubspotSeed.session.csrf } })).status).toBe(401);
    expect((await fetch(url, { headers: { Cookie: cookie } })).status).toBe(403);
    expect((await fetch(url, { headers: { Cookie: cookie, 'X-HubSpot-CSRF-hubspotapi': 'other' } })).status).toBe(403);
    expect((await fetch(url, { headers: { Cookie: cookie, 'X-HubSpot-CSRF-hubspotapi': hubspotSeed.session.csrf } })).status).toBe(200);
  });

  it('stores written values as strings, bumps updatedAt and appends history', async () => {
    const before = fake.state.records.get('0-3')?.get('7301')?.updatedAt ?? '';
    const nonString = await fetch(`${fake.url}/crm/v3/objects/0-3/7301`, { method: 'PATCH', headers: auth, body: JSON.stringify({ properties: { amount: 12500 } }) });
    expect(nonString.status).toBe(400);
    const ok = await fetch(`${fake.url}/crm/v3/objects/0-3/7301`, { method: 'PATCH', headers: auth, body: JSON.stringify({ properties: { amount: '12500' } }) });
    expect(ok.status).toBe(200);
    const read = (await (await fetch(`${fake.url}/crm/v3/objects/0-3/7301?propertiesWithHistory=amount`, { headers: auth })).json()) as {
      updatedAt: string;
      propertiesWithHistory: { amount: { value: string; sourceType: string }[] };
    };
    expect(read.updatedAt > before).toBe(true);
    expect(read.propertiesWithHistory.amount.map((h) => [h.value, h.sourceType])).toEqual([['12500', 'INTEGRATION'], ['9800', 'CRM_UI']]);
  });
});
