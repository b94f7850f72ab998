import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateProposedValue } from '@/lib/hubspot-lane/shared/property-validators';
import type { PropertyDefinition } from '@/lib/schemas/hubspot';
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

describe('fake HubSpot refuses what HubSpot refuses', () => {
  const patch = (path: string, properties: Record<string, string>) => fetch(`${fake.url}/crm/v3/objects/${path}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ properties }) });
  const errorOf = async (response: Response) => ({ ...((await response.json()) as { category: string; message: string; errors?: { code: string }[] }), status: response.status });

  it('a datetime only as ISO 8601 or epoch milliseconds', async () => {
    for (const bad of ['May 31, 2024', '2024/05/31', '31-05-2024', '2024-02-30T00:00:00Z']) {
      expect(await errorOf(await patch('0-3/7301', { closedate: bad }))).toMatchObject({ status: 400, category: 'VALIDATION_ERROR', errors: [{ code: 'INVALID_DATETIME' }] });
    }
    for (const good of ['2024-06-28T00:00:00.000Z', '2024-06-28T17:30:00+02:00', '1719532800000', '2024-06-28']) expect((await patch('0-3/7301', { closedate: good })).status).toBe(200);
  });

  it('a `date` property only at midnight UTC', async () => {
    for (const bad of ['2024-06-03T09:30:00Z', '1717406400001', 'June 3']) {
      expect(await errorOf(await patch('0-3/7301', { onboarding_start_date: bad }))).toMatchObject({ status: 400, errors: [{ code: 'INVALID_DATE' }] });
    }
    for (const good of ['2024-06-03', '1717372800000']) expect((await patch('0-3/7301', { onboarding_start_date: good })).status).toBe(200);
  });

  it("the client's own check refuses before sending the dates and datetimes the stand-in refuses", async () => {
    const defs = hubspotSeed.definitions['0-3'] as PropertyDefinition[];
    const values = ['2024-06-03', '1717372800000', '2024-06-03T00:00:00.000Z', '2024-06-03T09:30:00Z', '2024-06-03T09:30:00+02:00', 'June 3', '2024-02-30', '03/06/2024'];
    for (const name of ['closedate', 'onboarding_start_date']) {
      const def = defs.find((d) => d.name === name)!;
      for (const value of values) {
        const clientAccepts = validateProposedValue(def, value).ok;
        // The client is stricter for `date` (only a day or epoch ms); it never sends what HubSpot would refuse.
        if (clientAccepts) expect((await patch('0-3/7301', { [name]: value })).status, `${name}=${value}`).toBe(200);
        else if (def.type === 'datetime') expect((await patch('0-3/7301', { [name]: value })).status, `${name}=${value}`).toBe(400);
      }
    }
  });

  it('a unique value another record holds: 409', async () => {
    expect(await errorOf(await patch('0-1/901', { email: 'Hamid.Rostami@gulfbuild-trading.example' }))).toMatchObject({ status: 409, category: 'CONFLICT', message: 'Contact already exists. Existing ID: 902' });
    expect((await patch('0-1/901', { email: 'priya.raman@kestrel-foods.example' })).status).toBe(200);
  });

  it('a stage outside the record\'s pipeline, and an owner that does not exist', async () => {
    expect(await errorOf(await patch('0-3/7303', { dealstage: 'presentationscheduled' }))).toMatchObject({ status: 400, errors: [{ code: 'INVALID_OPTION' }] });
    expect((await patch('0-3/7303', { dealstage: '1029382' })).status).toBe(200);
    // Moving the deal to the other pipeline with one of its stages, in one PATCH, is allowed.
    expect((await patch('0-3/7303', { pipeline: 'default', dealstage: 'contractsent' })).status).toBe(200);
    expect(await errorOf(await patch('0-1/901', { hubspot_owner_id: '99999' }))).toMatchObject({ status: 400, errors: [{ code: 'INVALID_OWNER_ID' }] });
    expect((await patch('0-1/901', { hubspot_owner_id: '61003' })).status).toBe(200);
  });

  it('repeated query keys and a limit above 500 (both counted as unexpected)', async () => {
    const repeated = await fetch(`${fake.url}/crm/v3/objects/0-1/901?properties=email&properties=firstname`, { headers: auth });
    const tooMany = await fetch(`${fake.url}/crm/v3/owners?limit=501`, { headers: auth });
    const assocTooMany = await fetch(`${fake.url}/crm/v4/objects/0-1/901/associations/0-2?limit=1000`, { headers: auth });
    expect([repeated.status, tooMany.status, assocTooMany.status]).toEqual([400, 400, 400]);
    expect(fake.unexpected.map((u) => u.reason)).toEqual(['repeated query key properties', 'limit 501 outside 1..500', 'limit 1000 outside 1..500']);
  });

  it('a token without the scope: 403 MISSING_SCOPES naming the scope', async () => {
    await fake.close();
    fake = await startFakeHubSpot({ tokenScopes: ['crm.objects.contacts.read'] });
    expect((await fetch(`${fake.url}/crm/v3/objects/0-1/901`, { headers: auth })).status).toBe(200);
    const write = await errorOf(await patch('0-1/901', { jobtitle: 'Buyer' }));
    expect(write).toMatchObject({ status: 403, category: 'MISSING_SCOPES', errors: [{ context: { requiredGranularScopes: ['crm.objects.contacts.write'] } }] });
    expect((await fetch(`${fake.url}/crm/v3/owners`, { headers: auth })).status).toBe(403);
  });

  it('associations to or from an unknown object type', async () => {
    expect(await errorOf(await fetch(`${fake.url}/crm/v4/objects/0-1/901/associations/gadgets`, { headers: auth }))).toMatchObject({ status: 400, message: 'Unable to infer object type from: gadgets' });
    expect((await fetch(`${fake.url}/crm/v4/objects/2-7654321/880001/associations/0-2`, { headers: auth })).status).toBe(200);
  });

  it('a 400 with only the packed message when HubSpot sends no errors[]', async () => {
    await fake.close();
    fake = await startFakeHubSpot({ validationErrors: 'message-only' });
    const refused = await errorOf(await patch('0-1/901', { lifecyclestage: 'champion' }));
    expect(refused).toMatchObject({ status: 400, message: expect.stringMatching(/^Property values were not valid: \[/) });
    expect(refused.errors).toBeUndefined();
  });

  describe('tasks, created with their associations as HubSpot takes them', () => {
    const createTask = (body: unknown) => fetch(`${fake.url}/crm/v3/objects/tasks`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    const toDeal = (id: string, associationTypeId = 216) => [{ to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }] }];
    const properties = { hs_task_subject: 'Send the SSO checklist', hs_timestamp: '2026-05-29T00:00:00.000Z', hs_task_status: 'NOT_STARTED', hubspot_owner_id: '61001', hs_task_body: 'From the pilot kickoff.' };

    it('stores the task and its association both ways: the deal lists it under its tasks', async () => {
      const created = await createTask({ properties, associations: toDeal(hubspotSeed.ids.pilotDeal) });
      expect(created.status).toBe(201);
      const { createdResourceId, entity } = (await created.json()) as { createdResourceId: string; entity: { properties: Record<string, string> } };
      expect(entity.properties).toMatchObject({ hs_task_subject: 'Send the SSO checklist', hs_task_status: 'NOT_STARTED' });
      const listed = (await (await fetch(`${fake.url}/crm/v4/objects/0-3/${hubspotSeed.ids.pilotDeal}/associations/tasks?limit=500`, { headers: auth })).json()) as { results: { toObjectId: number; associationTypes: { typeId: number }[] }[] };
      expect(listed.results).toContainEqual({ toObjectId: Number(createdResourceId), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 215, label: null }] });
    });

    it('refuses what HubSpot refuses: no hs_timestamp, a due date not ISO 8601 or epoch ms, an unknown owner or status, a wrong association type or record', async () => {
      const { hs_timestamp: _t, ...undated } = properties;
      expect(await errorOf(await createTask({ properties: undated, associations: toDeal(hubspotSeed.ids.pilotDeal) }))).toMatchObject({ status: 400, errors: [{ context: { propertyName: ['hs_timestamp'] } }] });
      expect((await createTask({ properties: { ...properties, hs_timestamp: 'Friday 29 May' }, associations: [] })).status).toBe(400);
      expect((await createTask({ properties: { ...properties, hubspot_owner_id: '99999' }, associations: [] })).status).toBe(400);
      expect((await createTask({ properties: { ...properties, hs_task_status: 'DONE' }, associations: [] })).status).toBe(400);
      expect((await createTask({ properties, associations: toDeal(hubspotSeed.ids.pilotDeal, 4) })).status).toBe(400);
      expect((await createTask({ properties, associations: toDeal('404404') })).status).toBe(400);
      expect(fake.unexpected).toEqual([]);
      expect([...(fake.state.records.get('0-27')?.values() ?? [])]).toEqual([]);
    });

    it('a create body not in the shape of the spec is unexpected; a batch read of more than 100 ids is refused', async () => {
      expect((await createTask({ properties, associations: [{ to: hubspotSeed.ids.pilotDeal, types: [] }] })).status).toBe(400);
      expect(fake.unexpected).toHaveLength(1);
      const tooMany = await fetch(`${fake.url}/crm/v3/objects/0-47/batch/read`, { method: 'POST', headers: auth, body: JSON.stringify({ inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i) })), properties: [], propertiesWithHistory: [] }) });
      expect(tooMany.status).toBe(400);
    });

    it('a token without crm.objects.contacts.write cannot create a task', async () => {
      await fake.close();
      fake = await startFakeHubSpot({ tokenScopes: ['crm.objects.deals.read', 'crm.objects.contacts.read'] });
      expect(await errorOf(await createTask({ properties, associations: toDeal(hubspotSeed.ids.pilotDeal) }))).toMatchObject({ status: 403, category: 'MISSING_SCOPES', errors: [{ context: { requiredGranularScopes: ['crm.objects.contacts.write'] } }] });
    });
  });
});
