import { describe, expect, it } from 'vitest';
import { createHubSpotClient, type FetchLike } from '@/lib/sites/hubspot/api-client';

// The create answer as the spec states it ({ createdResourceId, entity }) and as older API versions send it (the object).
const object = { id: '90000001', properties: { hs_task_subject: 'Send the SSO checklist' }, createdAt: '2026-12-02T10:00:00.000Z', updatedAt: '2026-12-02T10:00:00.000Z', archived: false };
const answering = (status: number, body: unknown): FetchLike => async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const client = (fetch: FetchLike, mode: 'token' | 'session' = 'token') =>
  mode === 'token'
    ? createHubSpotClient({ mode, token: 't', fetch, baseUrl: 'http://h' })
    : createHubSpotClient({ mode, origin: 'http://h', portalId: '1', readCookie: () => 'csrf', fetch });

describe('createRecord', () => {
  it('reads both forms of the create answer', async () => {
    for (const [status, body] of [[201, { createdResourceId: '90000001', entity: object }], [201, object], [200, { createdResourceId: '90000001', entity: object }]] as const) {
      const created = await client(answering(status, body)).createRecord('0-27', { hs_task_subject: 'x' }, []);
      expect(created, JSON.stringify(body).slice(0, 40)).toMatchObject({ ok: true, value: { id: '90000001' } });
    }
  });

  it('sends the associations in the body as the spec shapes them', async () => {
    let sent: unknown;
    const fetch: FetchLike = async (_url, init) => {
      sent = JSON.parse(String(init.body));
      return new Response(JSON.stringify(object), { status: 201 });
    };
    await client(fetch).createRecord('0-27', { hs_task_subject: 'x' }, [{ toObjectId: '7304', typeId: 216 }]);
    expect(sent).toEqual({ properties: { hs_task_subject: 'x' }, associations: [{ to: { id: '7304' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 216 }] }] });
  });

  it('a create the session is refused is a refused write (ask for a token); a batch read refused is not', async () => {
    const refused = answering(403, { status: 'error', category: 'FORBIDDEN', message: 'no', correlationId: 'c' });
    expect(await client(refused, 'session').createRecord('0-27', {}, [])).toMatchObject({ ok: false, error: { code: 'hubspot.session_write_refused' } });
    expect(await client(refused, 'session').batchReadRecords('0-27', ['1'], [])).toMatchObject({ ok: false, error: { code: 'hubspot.no_permission' } });
  });

  it('a batch read leaves out and counts a record it cannot parse', async () => {
    const read = await client(answering(200, { status: 'COMPLETE', results: [object, { id: 7 }], startedAt: 'a', completedAt: 'b' })).batchReadRecords('0-27', ['1', '2'], []);
    expect(read).toMatchObject({ ok: true, value: [{ id: '90000001' }], skipped: 1 });
  });
});
