import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CUSTOM_OBJECT_TYPE_ID } from '../../../support/fake-hubspot-seed';
import { type FakeHubSpot, hubspotSeed, startFakeHubSpot } from '../../../support/fake-hubspot';
import {
  specAssociationsResponseSchema,
  specBatchResponseSchema,
  specCreatedResponseSchema,
  specErrorSchema,
  specObjectSchema,
  specOwnersResponseSchema,
  specPipelinesResponseSchema,
  specPortalInformationSchema,
  specPropertiesResponseSchema,
  specRateLimitSchema,
} from '../../../support/hubspot-spec-shapes';

// Every answer the stand-in sends carries what HubSpot's published specification marks required, with its type.
let fake: FakeHubSpot;
const auth = { Authorization: `Bearer ${hubspotSeed.token}`, 'Content-Type': 'application/json' };

beforeEach(async () => {
  fake = await startFakeHubSpot({ extraOwners: 120 });
});
afterEach(() => fake.close());

async function expectShape(schema: z.ZodTypeAny, path: string, init: RequestInit = {}, status = 200) {
  const response = await fetch(`${fake.url}${path}`, { headers: auth, ...init });
  expect(response.status, path).toBe(status);
  const parsed = schema.safeParse(await response.json());
  expect(parsed.success ? [] : parsed.error.issues.slice(0, 3), path).toEqual([]);
}

describe('the stand-in answers in the shapes of the published specification', () => {
  it('property definitions of every type, custom objects included', async () => {
    for (const type of ['0-1', '0-2', '0-3', '0-5', CUSTOM_OBJECT_TYPE_ID, 'contacts']) await expectShape(specPropertiesResponseSchema, `/crm/v3/properties/${type}`);
  });

  it('records, with and without history, and the PATCH answer', async () => {
    await expectShape(specObjectSchema, '/crm/v3/objects/0-3/7301?properties=amount,dealstage&propertiesWithHistory=dealstage,amount');
    await expectShape(specObjectSchema, `/crm/v3/objects/${CUSTOM_OBJECT_TYPE_ID}/880001`);
    await expectShape(specObjectSchema, '/crm/v3/objects/0-1/901', { method: 'PATCH', body: JSON.stringify({ properties: { jobtitle: 'Buyer' } }) });
  });

  it('engagements: batch read (200, and 207 with an id it cannot find) and a task created with its association', async () => {
    const read = (ids: string[]) => ({ method: 'POST', body: JSON.stringify({ inputs: ids.map((id) => ({ id })), properties: ['hs_meeting_body', 'hs_timestamp'], propertiesWithHistory: [] }) });
    await expectShape(specBatchResponseSchema, '/crm/v3/objects/0-47/batch/read', read([hubspotSeed.ids.pilotMeeting]));
    await expectShape(specBatchResponseSchema, '/crm/v3/objects/meetings/batch/read', read([hubspotSeed.ids.pilotMeeting, '404404']), 207);
    await expectShape(specAssociationsResponseSchema, `/crm/v4/objects/0-3/${hubspotSeed.ids.pilotDeal}/associations/0-47?limit=500`);
    const task = { properties: { hs_task_subject: 'Send the SSO checklist', hs_timestamp: '2026-05-29T00:00:00.000Z', hs_task_status: 'NOT_STARTED', hubspot_owner_id: '61001' }, associations: [{ to: { id: hubspotSeed.ids.pilotDeal }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 216 }] }] };
    await expectShape(specCreatedResponseSchema, '/crm/v3/objects/tasks', { method: 'POST', body: JSON.stringify(task) }, 201);
    await expectShape(specErrorSchema, '/crm/v3/objects/tasks', { method: 'POST', body: JSON.stringify({ ...task, properties: { hs_task_subject: 'No date' } }) }, 400);
  });

  it('a contact created with its primary company, and what HubSpot refuses of a contact creation', async () => {
    const contact = (properties: Record<string, string>, associationTypeId = 1, to = hubspotSeed.ids.leadCompany) =>
      ({ method: 'POST', body: JSON.stringify({ properties, associations: [{ to: { id: to }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }] }] }) });
    await expectShape(specCreatedResponseSchema, '/crm/v3/objects/contacts', contact({ email: 'ines@tidepool-analytics.example', hubspot_owner_id: '61001', hs_lead_status: 'NEW' }), 201);
    expect(fake.state.associations.at(-1)).toMatchObject({ to: ['0-2', hubspotSeed.ids.leadCompany], typeId: 1, reverseTypeId: 2 });
    // The same email again (any case): 409, as HubSpot keeps contact emails unique.
    await expectShape(specErrorSchema, '/crm/v3/objects/0-1', contact({ email: 'Ines@Tidepool-Analytics.example' }), 409);
    // An owner who is not one, an association type not defined from contacts, a company that does not exist.
    await expectShape(specErrorSchema, '/crm/v3/objects/0-1', contact({ email: 'a@tidepool-analytics.example', hubspot_owner_id: '99999' }), 400);
    await expectShape(specErrorSchema, '/crm/v3/objects/0-1', contact({ email: 'b@tidepool-analytics.example' }, 216), 400);
    await expectShape(specErrorSchema, '/crm/v3/objects/0-1', contact({ email: 'c@tidepool-analytics.example' }, 1, '404404'), 400);
    expect([...fake.state.records.get('0-1')!.values()].filter((r) => r.properties.email?.endsWith('tidepool-analytics.example'))).toHaveLength(1);
  });

  it('owners, every page', async () => {
    await expectShape(specOwnersResponseSchema, '/crm/v3/owners?limit=100');
    await expectShape(specOwnersResponseSchema, '/crm/v3/owners?limit=100&after=100');
  });

  it('pipelines of deals and tickets', async () => {
    await expectShape(specPipelinesResponseSchema, '/crm/v3/pipelines/0-3');
    await expectShape(specPipelinesResponseSchema, '/crm/v3/pipelines/tickets');
  });

  it('account details of the token', async () => {
    await expectShape(specPortalInformationSchema, '/account-info/v3/details');
  });

  it('the same shapes on the session API', async () => {
    const session = { headers: { Cookie: `hubspotapi=${hubspotSeed.session.cookie}; hubspotapi-csrf=${hubspotSeed.session.csrf}`, 'X-HubSpot-CSRF-hubspotapi': hubspotSeed.session.csrf } };
    const portal = `portalId=${hubspotSeed.portalId}`;
    await expectShape(specPropertiesResponseSchema, `/api/crm/v3/properties/0-1?${portal}`, session);
    await expectShape(specObjectSchema, `/api/crm/v3/objects/0-1/901?${portal}&properties=email&propertiesWithHistory=lifecyclestage`, session);
    await expectShape(specOwnersResponseSchema, `/api/crm/v3/owners?${portal}&limit=500`, session);
    await expectShape(specPipelinesResponseSchema, `/api/crm/v3/pipelines/0-3?${portal}`, session);
    await expectShape(specAssociationsResponseSchema, `/api/crm/v4/objects/0-1/901/associations/0-3?${portal}&limit=500`, session);
  });

  it('v4 associations', async () => {
    await expectShape(specAssociationsResponseSchema, '/crm/v4/objects/0-3/7301/associations/0-1?limit=500');
  });

  it('every error answer', async () => {
    await expectShape(specErrorSchema, '/crm/v3/objects/0-1/404404', {}, 404);
    await expectShape(specErrorSchema, '/crm/v3/objects/0-1/901', { headers: {} }, 401);
    await expectShape(specErrorSchema, '/crm/v3/objects/0-1/901', { method: 'PATCH', body: JSON.stringify({ properties: { lifecyclestage: 'champion' } }) }, 400);
    await expectShape(specErrorSchema, '/crm/v3/objects/0-1/901', { method: 'PATCH', body: JSON.stringify({ properties: { email: 'hamid.rostami@gulfbuild-trading.example' } }) }, 409);
    await expectShape(specErrorSchema, '/crm/v4/objects/0-1/901/associations/gadgets', {}, 400);
    await expectShape(specErrorSchema, `/api/crm/v3/owners?portalId=${hubspotSeed.portalId}`, { headers: { Cookie: `hubspotapi=${hubspotSeed.session.cookie}` } }, 403);
    fake.failNext({ status: 429 });
    await expectShape(specRateLimitSchema, '/crm/v3/owners', {}, 429);
    fake.failNext({ status: 503 });
    await expectShape(specErrorSchema, '/crm/v3/owners', {}, 503);
  });

  it('403 MISSING_SCOPES', async () => {
    await fake.close();
    fake = await startFakeHubSpot({ tokenScopes: [] });
    await expectShape(specErrorSchema, '/crm/v3/owners', {}, 403);
  });
});
