import { describe, expect, it } from 'vitest';
import { createHubSpotClient, type FetchLike } from '@/lib/sites/hubspot/api-client';
import { contactApprovalHash, createApprovedContacts } from '@/lib/sites/hubspot/create-contact';
import type { ContactCreation } from '@/lib/schemas/hubspot';

const content: ContactCreation = { properties: { email: 'ines@tidepool-analytics.example', firstname: 'Ines', hubspot_owner_id: '61001' }, companyId: '5503' };
const session = (fetch: FetchLike) => createHubSpotClient({ mode: 'session', origin: 'http://h', portalId: '1', readCookie: () => 'csrf', fetch });
const answering = (status: number, body: unknown, sent: { url: string; body: unknown }[] = []): FetchLike => async (url, init) => {
  sent.push({ url: String(url), body: JSON.parse(String(init.body)) });
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
};
const approved = async (c: ContactCreation = content) => [{ key: 'k', content: c, approvalHash: await contactApprovalHash(c) }];

describe('creating an approved contact through the page’s session', () => {
  it('one POST to the contacts endpoint, with the primary company association', async () => {
    const sent: { url: string; body: unknown }[] = [];
    const object = { id: '90000001', properties: {}, createdAt: '2024-05-23T14:00:00.000Z', updatedAt: '2024-05-23T14:00:00.000Z', archived: false };
    const [outcome] = await createApprovedContacts(session(answering(201, object, sent)), await approved());
    expect(outcome).toMatchObject({ status: 'created', contactId: '90000001' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('http://h/api/crm/v3/objects/0-1?portalId=1');
    expect(sent[0]!.body).toEqual({ properties: content.properties, associations: [{ to: { id: '5503' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] }] });
  });

  it('no company: no association', async () => {
    const sent: { url: string; body: unknown }[] = [];
    await createApprovedContacts(session(answering(201, { id: '1', properties: {}, createdAt: 'a', updatedAt: 'b', archived: false }, sent)), await approved({ ...content, companyId: null }));
    expect(sent[0]!.body).toMatchObject({ associations: [] });
  });

  it('HubSpot’s 409 as it sends it (only a message) is "another record already has this email"', async () => {
    const [outcome] = await createApprovedContacts(session(answering(409, { status: 'error', message: 'Contact already exists. Existing ID: 951', correlationId: 'c-1', category: 'CONFLICT' })), await approved());
    expect(outcome).toMatchObject({ status: 'failed', correlationId: 'c-1', error: { code: 'hubspot.duplicate_value', message: 'Not created: another record already has this email (ines@tidepool-analytics.example).' } });
  });

  it('a property HubSpot refuses (the packed legacy message) names that property', async () => {
    const body = { status: 'error', category: 'VALIDATION_ERROR', correlationId: 'c-2', message: 'Property values were not valid: [{"isValid":false,"message":"61001 is not a valid owner","error":"INVALID_OWNER_ID","name":"hubspot_owner_id"}]' };
    const [outcome] = await createApprovedContacts(session(answering(400, body)), await approved());
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'hubspot.validation', message: "HubSpot refused the new contact's hubspot_owner_id: 61001 is not a valid owner" } });
  });

  it('a content changed after approval is refused, and a failed start mark sends nothing', async () => {
    const sent: { url: string; body: unknown }[] = [];
    const [hash] = await approved();
    const tampered = [{ ...hash!, content: { ...content, properties: { ...content.properties, hubspot_owner_id: '61003' } } }];
    expect((await createApprovedContacts(session(answering(201, {}, sent)), tampered))[0]).toMatchObject({ error: { code: 'approval.hash_mismatch' } });
    const busy = { ok: false as const, error: { code: 'hubspot.write_in_progress', message: 'm', nextStep: 'n' } };
    expect((await createApprovedContacts(session(answering(201, {}, sent)), await approved(), { beforeCreate: async () => busy }))[0]).toMatchObject({ error: { code: 'hubspot.write_in_progress' } });
    expect(sent).toEqual([]);
  });

  it('the approval hash does not depend on the order the properties were listed in', async () => {
    const reordered = { ...content, properties: Object.fromEntries(Object.entries(content.properties).reverse()) };
    expect(await contactApprovalHash(reordered)).toBe(await contactApprovalHash(content));
    expect(await contactApprovalHash({ ...content, companyId: null })).not.toBe(await contactApprovalHash(content));
  });
});
