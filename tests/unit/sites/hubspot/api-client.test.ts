import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHubSpotClient, type HubSpotClient, propertyErrorsOf, SESSION_WRITE_REFUSED_MESSAGE } from '@/lib/sites/hubspot/api-client';
import { browserSessionFetch, type FakeHubSpot, type FakeHubSpotOptions, hubspotSeed, startFakeHubSpot } from '../../../support/fake-hubspot';

let fake: FakeHubSpot;
let cookies: Record<string, string>;
let waits: number[];

async function start(opts: FakeHubSpotOptions = {}) {
  fake = await startFakeHubSpot(opts);
}

function sessionClient(): HubSpotClient {
  return createHubSpotClient({
    mode: 'session',
    origin: fake.url,
    portalId: hubspotSeed.portalId,
    readCookie: (name) => (name === 'hubspotapi' ? null : cookies[name] ?? null), // HttpOnly: scripts cannot read it
    fetch: browserSessionFetch(() => cookies),
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
}

function tokenClient(token = hubspotSeed.token): HubSpotClient {
  return createHubSpotClient({ mode: 'token', token, baseUrl: fake.url, fetch: (u, i) => fetch(u, i), sleep: async (ms) => void waits.push(ms) });
}

beforeEach(async () => {
  cookies = { hubspotapi: hubspotSeed.session.cookie, 'hubspotapi-csrf': hubspotSeed.session.csrf, 'hubspot.hub.id': hubspotSeed.portalId };
  waits = [];
  await start();
});
afterEach(async () => {
  await fake.close();
});

describe('session mode', () => {
  it('reads a record same-origin with the session cookie, CSRF header and portalId', async () => {
    const result = await sessionClient().getRecord('0-1', '901', ['firstname', 'email', 'jobtitle']);
    expect(result).toMatchObject({ ok: true, value: { id: '901', properties: { firstname: 'Priya', email: 'priya@kestrel-foods.example', jobtitle: null } } });
    const [request] = fake.requests;
    expect(request?.path).toBe('/api/crm/v3/objects/0-1/901');
    expect(request?.query).toEqual({ properties: 'firstname,email,jobtitle', portalId: '4455667' });
    expect(request?.headers['x-hubspot-csrf-hubspotapi']).toBe(hubspotSeed.session.csrf);
    expect(request?.headers.cookie).toContain(`hubspotapi=${hubspotSeed.session.cookie}`);
    expect(request?.headers.authorization).toBeUndefined();
    expect(fake.unexpected).toEqual([]);
  });

  it('re-reads a stale CSRF cookie after a 403 and succeeds on the one retry', async () => {
    fake.rotateCsrf('csrf-fresh');
    let reads = 0;
    const client = createHubSpotClient({
      mode: 'session',
      origin: fake.url,
      portalId: hubspotSeed.portalId,
      // The page refreshed the cookie while the rep was idle: the first read is stale, the next is fresh.
      readCookie: (name) => {
        if (name !== 'hubspotapi-csrf') return null;
        reads += 1;
        cookies['hubspotapi-csrf'] = reads === 1 ? hubspotSeed.session.csrf : 'csrf-fresh';
        return cookies['hubspotapi-csrf'];
      },
      fetch: browserSessionFetch(() => cookies),
    });
    const result = await client.getOwners();
    expect(result.ok).toBe(true);
    expect(fake.requests.map((r) => r.headers['x-hubspot-csrf-hubspotapi'])).toEqual([hubspotSeed.session.csrf, 'csrf-fresh']);
  });

  it('reports no permission when the 403 persists after the retry', async () => {
    fake.rotateCsrf('csrf-elsewhere');
    const result = await sessionClient().getPipelines('0-3');
    expect(result).toMatchObject({ ok: false, error: { code: 'hubspot.no_permission', status: 403 } });
    expect(fake.requests).toHaveLength(2);
  });

  it('says the rep is not signed in when the session cookie is gone, or the CSRF cookie is missing', async () => {
    delete cookies.hubspotapi;
    expect(await sessionClient().getOwners()).toMatchObject({ ok: false, error: { code: 'hubspot.not_signed_in', status: 401 } });
    delete cookies['hubspotapi-csrf'];
    const requestsBefore = fake.requests.length;
    expect(await sessionClient().getOwners()).toMatchObject({ ok: false, error: { code: 'hubspot.not_signed_in' } });
    expect(fake.requests).toHaveLength(requestsBefore);
  });

  it('writes through the session when HubSpot allows it', async () => {
    const result = await sessionClient().updateRecord('0-1', '901', { jobtitle: 'Head of Procurement' });
    expect(result).toMatchObject({ ok: true, value: { properties: { jobtitle: 'Head of Procurement' } } });
    expect(fake.requests[0]).toMatchObject({ method: 'PATCH', body: { properties: { jobtitle: 'Head of Procurement' } } });
    expect(fake.state.records.get('0-1')?.get('901')?.properties.jobtitle).toBe('Head of Procurement');
  });

  it.each([401, 403, 404, 405] as const)('turns a session PATCH refused with %i into the clear "ask for a token" error', async (status) => {
    await fake.close();
    await start({ sessionWrites: status });
    const result = await sessionClient().updateRecord('0-1', '901', { jobtitle: 'Buyer' });
    expect(result).toMatchObject({ ok: false, error: { code: 'hubspot.session_write_refused', message: SESSION_WRITE_REFUSED_MESSAGE } });
    expect(fake.state.records.get('0-1')?.get('901')?.properties.jobtitle).toBeUndefined();
  });
});

describe('token mode', () => {
  it('calls the public API with the bearer token and reads every endpoint', async () => {
    const client = tokenClient();
    const props = await client.getProperties('0-1');
    expect(props.ok && props.value.find((p) => p.name === 'lifecyclestage')?.options.map((o) => o.value)).toEqual([
      'subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other',
    ]);
    const assoc = await client.getAssociations('0-1', '901', '0-2');
    expect(assoc).toEqual({ ok: true, value: [{ toObjectId: '5501', labels: [] }] });
    const owners = await client.getOwners();
    expect(owners.ok && owners.value.map((o) => o.id)).toEqual(['61001', '61002', '61003']);
    const pipelines = await client.getPipelines('0-3');
    expect(pipelines.ok && pipelines.value[0]?.stages.map((s) => s.id)).toContain('closedwon');
    const deal = await client.getRecord('0-3', '7301', ['amount'], ['dealstage']);
    expect(deal.ok && deal.value.propertiesWithHistory?.dealstage?.[0]?.value).toBe('qualifiedtobuy');
    expect(fake.requests.every((r) => r.headers.authorization === `Bearer ${hubspotSeed.token}` && r.path.startsWith('/crm/'))).toBe(true);
    expect(fake.unexpected).toEqual([]);
  });

  it('caches property definitions per portal and type', async () => {
    const client = tokenClient();
    await client.getProperties('0-1');
    await client.getProperties('0-1');
    await client.getProperties('0-3');
    expect(fake.requests.map((r) => r.path)).toEqual(['/crm/v3/properties/0-1', '/crm/v3/properties/0-3']);
  });

  it('reports a refused token and a missing record', async () => {
    expect(await tokenClient('pat-wrong').getOwners()).toMatchObject({ ok: false, error: { code: 'hubspot.not_signed_in', status: 401 } });
    expect(await tokenClient().getRecord('0-1', '999', [])).toMatchObject({ ok: false, error: { code: 'hubspot.not_found', status: 404 } });
  });

  it('maps a validation error onto the properties HubSpot named', async () => {
    const result = await tokenClient().updateRecord('0-1', '901', { lifecyclestage: 'champion', hs_object_id: '5', shoe_size: '44', firstname: 'Priya' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('hubspot.validation');
    expect(result.error.propertyErrors?.map((e) => [e.property, e.code])).toEqual([
      ['lifecyclestage', 'INVALID_OPTION'],
      ['hs_object_id', 'READ_ONLY_VALUE'],
      ['shoe_size', 'PROPERTY_DOESNT_EXIST'],
    ]);
    expect(fake.state.records.get('0-1')?.get('901')?.properties.lifecyclestage).toBe('lead');
  });
});

describe('rate limits', () => {
  it('waits Retry-After on TEN_SECONDLY_ROLLING and retries, then succeeds', async () => {
    fake.failNext({ status: 429, policy: 'TEN_SECONDLY_ROLLING', retryAfterSeconds: 2 });
    fake.failNext({ status: 429, policy: 'TEN_SECONDLY_ROLLING' });
    const result = await tokenClient().getRecord('0-3', '7301', ['amount']);
    expect(result).toMatchObject({ ok: true, value: { properties: { amount: '9800' } } });
    // Retry-After when HubSpot sends it; without, the backoff's second step.
    expect(waits).toEqual([2000, 4000]);
    expect(fake.requests).toHaveLength(3);
  });

  it('gives up after four tries with the wait to show', async () => {
    fake.failNext({ status: 429, retryAfterSeconds: 1 }, 4);
    const result = await tokenClient().getOwners();
    expect(result).toMatchObject({ ok: false, error: { code: 'hubspot.rate_limited', retryAfterMs: 1000 } });
    expect(fake.requests).toHaveLength(4);
  });

  it('without Retry-After backs off 2, 4 and 8 seconds: the retries outlast the ten-second window', async () => {
    vi.useFakeTimers();
    try {
      // A stand-in for HubSpot's ten-second rolling window: every request within ten seconds of the first is refused.
      const sent: number[] = [];
      const windowFetch = async () => {
        sent.push(Date.now());
        return Date.now() - (sent[0] ?? 0) < 10_000
          ? new Response(JSON.stringify({ status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', correlationId: 'c-1', policyName: 'TEN_SECONDLY_ROLLING' }), { status: 429 })
          : new Response(JSON.stringify({ results: [] }), { status: 200 });
      };
      const client = createHubSpotClient({ mode: 'token', token: hubspotSeed.token, baseUrl: 'https://api.example', fetch: windowFetch });
      const pending = client.getOwners();
      await vi.advanceTimersByTimeAsync(1999);
      expect(sent).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(14_000);
      expect(await pending).toEqual({ ok: true, value: [], skipped: 0 });
      expect(sent.map((t) => t - sent[0]!)).toEqual([0, 2000, 6000, 14_000]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not retry the DAILY limit', async () => {
    fake.failNext({ status: 429, policy: 'DAILY' });
    const result = await sessionClient().getOwners();
    expect(result).toMatchObject({ ok: false, error: { code: 'hubspot.rate_limited' } });
    expect(result.ok || result.error.message).toMatch(/daily/);
    expect(fake.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });
});

describe('propertyErrorsOf', () => {
  it('reads the older shape where results are packed into the message', () => {
    const body = {
      status: 'error',
      category: 'VALIDATION_ERROR',
      correlationId: 'c',
      message: 'Property values were not valid: [{"isValid":false,"message":"Property \\"shoe\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"shoe"}]',
    };
    expect(propertyErrorsOf(body)).toEqual([{ property: 'shoe', code: 'PROPERTY_DOESNT_EXIST', message: 'Property "shoe" does not exist' }]);
  });
  it('falls back to the quoted name in a detail message', () => {
    expect(propertyErrorsOf({ message: 'bad', errors: [{ message: 'Property "amount" must be a number', code: 'INVALID_DOUBLE' }] })).toEqual([
      { property: 'amount', code: 'INVALID_DOUBLE', message: 'Property "amount" must be a number' },
    ]);
    expect(propertyErrorsOf({ message: 'Something else went wrong' })).toEqual([]);
  });
});

describe('HubSpot as it really is', () => {
  it('reads owners page by page past 500, with limit 500 and the after cursor', async () => {
    await fake.close();
    await start({ extraOwners: 1200 });
    const owners = await tokenClient().getOwners();
    expect(owners.ok && owners.value).toHaveLength(1203);
    expect(fake.requests.map((r) => r.query)).toEqual([{ limit: '500' }, { limit: '500', after: '500' }, { limit: '500', after: '1000' }]);
    expect(fake.unexpected).toEqual([]);
  });

  it('skips and counts a definition, an owner or a history entry that does not parse, instead of failing the read', async () => {
    const answers: Record<string, unknown> = {
      '/crm/v3/properties/0-1': { results: [{ name: 'email', label: 'Email', type: 'string', fieldType: 'text', options: [] }, { name: 'broken', label: 7 }] },
      '/crm/v3/owners': { results: [{ id: '1', firstName: 'Ana' }, { id: 2 }, null] },
      '/crm/v3/objects/0-1/1': { id: '1', properties: {}, createdAt: 'x', updatedAt: 'x', propertiesWithHistory: { email: [{ value: 'a@b.example', timestamp: 't', sourceType: 'CRM_UI' }, { value: null }] } },
    };
    const stub = async (input: string) => new Response(JSON.stringify(answers[new URL(input).pathname]), { status: 200 });
    const client = createHubSpotClient({ mode: 'token', token: 't', baseUrl: 'https://api.example', fetch: stub });
    expect(await client.getProperties('0-1')).toMatchObject({ ok: true, value: [{ name: 'email' }], skipped: 1 });
    expect(await client.getOwners()).toMatchObject({ ok: true, value: [{ id: '1' }], skipped: 2 });
    const record = await client.getRecord('0-1', '1', ['email'], ['email']);
    expect(record).toMatchObject({ ok: true, value: { skippedHistory: 1, propertiesWithHistory: { email: [{ value: 'a@b.example' }] } } });
  });

  it('a duplicate unique value is a 409 of its own, on the property: "another record already has this email"', async () => {
    const result = await tokenClient().updateRecord('0-1', '901', { email: 'HAMID.ROSTAMI@gulfbuild-trading.example', jobtitle: 'Buyer' });
    expect(result).toMatchObject({ ok: false, error: { code: 'hubspot.duplicate_value', status: 409, message: 'Another record already has this email.', propertyErrors: [{ property: 'email', code: 'CONFLICT', message: 'another record already has this email' }] } });
    expect(fake.state.records.get('0-1')?.get('901')?.properties.jobtitle).toBeUndefined();
  });

  it('a token without a scope gets 403 MISSING_SCOPES, shown with the scope to add', async () => {
    await fake.close();
    await start({ tokenScopes: ['crm.objects.contacts.read'] });
    const result = await tokenClient().getOwners();
    expect(result).toMatchObject({ ok: false, error: { code: 'hubspot.missing_scopes', status: 403 } });
    expect(result.ok || result.error.message).toContain('crm.objects.owners.read');
  });

  it('a 400 with only the packed "Property values were not valid" message still names each refused property', async () => {
    await fake.close();
    await start({ validationErrors: 'message-only' });
    const result = await tokenClient().updateRecord('0-3', '7301', { closedate: 'May 31, 2024', onboarding_start_date: '2024-06-03T09:30:00Z' });
    expect(result).toMatchObject({ ok: false, error: { code: 'hubspot.validation' } });
    expect(result.ok || result.error.propertyErrors?.map((e) => [e.property, e.code])).toEqual([
      ['closedate', 'INVALID_DATETIME'],
      ['onboarding_start_date', 'INVALID_DATE'],
    ]);
  });

  it('associations for an unknown object type are refused, and say so', async () => {
    expect(await tokenClient().getAssociations('0-1', '901', 'gadgets')).toMatchObject({ ok: false, error: { code: 'hubspot.validation', status: 400, message: expect.stringContaining('Unable to infer object type from: gadgets') } });
  });

  it('reads and writes a custom object (2-…)', async () => {
    const client = tokenClient();
    expect(await client.getRecord('2-7654321', '880001', ['project_name'])).toMatchObject({ ok: true, value: { properties: { project_name: 'Kestrel Foods onboarding' } } });
    expect(await client.updateRecord('2-7654321', '880001', { go_live_date: '2024-06-10' })).toMatchObject({ ok: true, value: { properties: { go_live_date: '2024-06-10' } } });
    expect(fake.unexpected).toEqual([]);
  });
});
