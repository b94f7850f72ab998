import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setUpHubSpot } from '@/entrypoints/background/hubspot';
import { TriageDatabase } from '@/lib/db/database';
import { saveHubSpotToken } from '@/lib/hubspot-lane/background/token-store';
import { dispatch } from '@/lib/protocol/server';
import type { RecordRef } from '@/lib/schemas/hubspot';
import { parseRecordUrl, recordSubject } from '@/lib/sites/hubspot/url';
import { type FakeHubSpot, hubspotSeed, startFakeHubSpot } from '../../support/fake-hubspot';
import { createLocalEngine } from '@/lib/engine/local/local-engine';

// The background's own checks on HubSpot requests: which tab asks (its portal), which token answers (its portal),
// and what the token path reads (the lanes' properties, whatever the page asks for).

type Sender = Parameters<typeof dispatch>[1];
const portal = hubspotSeed.portalId;
const contactUrl = `https://app.hubspot.com/contacts/${portal}/record/0-1/${hubspotSeed.ids.contact}`;
const contact = parseRecordUrl(contactUrl) as RecordRef;
const tab = (url: string): Sender => ({ id: 'ext', url, tab: { id: 1 } }) as Sender;
const policy = {
  extensionId: 'ext',
  extensionOrigin: 'chrome-extension://ext/',
  siteOf: (u: URL) => (u.hostname.endsWith('hubspot.com') ? ('hubspot' as const) : u.hostname === 'mail.google.com' ? ('gmail' as const) : null),
};
const localOnly = async () => ({ engines: [createLocalEngine()], error: null });

let fake: FakeHubSpot;
let db: TriageDatabase;

async function start(tokenPortalId?: string) {
  fake = await startFakeHubSpot(tokenPortalId ? { tokenPortalId } : {});
  const handlers = setUpHubSpot({ db, chosenEngines: localOnly }, { baseUrl: fake.url, now: () => Date.parse('2024-03-20T12:00:00Z') });
  return (type: string, payload: unknown, from: Sender = tab(contactUrl)) => dispatch({ type, payload }, from, handlers, policy);
}

beforeEach(() => {
  db = new TriageDatabase(`hubspot-authz-${Math.random()}`);
});
afterEach(async () => {
  await fake.close();
  db.close();
});

describe('HubSpot requests are tied to the portal of the tab that sends them', () => {
  it('refuses a record, subject or view of another portal or host, and the Gmail tab altogether', async () => {
    const send = await start();
    await saveHubSpotToken(db, hubspotSeed.token);
    const otherPortal = { ...contact, portalId: '999' };
    const otherSubject = recordSubject(otherPortal);
    for (const [type, payload] of [
      ['hubspot.readRecord', { ref: otherPortal }],
      ['hubspot.writeApproved', { ref: otherPortal }],
      ['hubspot.review', { subject: otherSubject, id: 'x', action: 'reject' }],
      ['hubspot.approvedFields', { subject: otherSubject }],
      ['hubspot.recordOutcomes', { subject: otherSubject, outcomes: [] }],
      ['hubspot.undo', { subject: otherSubject, id: 'x' }],
      ['hubspot.writeStarted', { subject: otherSubject, fields: [] }],
    ] as const) {
      expect(await send(type, payload), type).toMatchObject({ ok: false, error: { code: 'hubspot.wrong_portal' } });
    }
    // Same portal id on another data centre's host is another account.
    expect(await send('hubspot.readRecord', { ref: { ...contact, host: 'app-eu1.hubspot.com' } })).toMatchObject({ ok: false, error: { code: 'hubspot.wrong_portal' } });
    // A tab on a HubSpot page outside any portal asks about nothing.
    expect(await send('hubspot.approvedFields', { subject: recordSubject(contact) }, tab('https://app.hubspot.com/login'))).toMatchObject({ ok: false, error: { code: 'hubspot.wrong_portal' } });
    // The Gmail content script may not ask for HubSpot work at all.
    expect(await send('hubspot.approvedFields', { subject: recordSubject(contact) }, tab('https://mail.google.com/mail/u/0/#inbox'))).toMatchObject({ ok: false, error: { code: 'protocol.forbidden_sender' } });
    expect(fake.requests).toEqual([]);

    // Within the tab's portal the same requests go through.
    expect(await send('hubspot.approvedFields', { subject: recordSubject(contact) })).toEqual({ ok: true, value: [] });
  });

  it('refuses a record view whose subject is not the one its ref names', async () => {
    const send = await start();
    await saveHubSpotToken(db, hubspotSeed.token);
    const read = await send('hubspot.readRecord', { ref: contact });
    if (!read.ok) throw new Error(read.error.message);
    const view = read.value as { subject: string };
    const forged = { ...view, subject: 'hubspot:999/0-1/901' };
    expect(await send('hubspot.propose', { view: forged })).toMatchObject({ ok: false, error: { code: 'hubspot.wrong_portal' } });
    expect(await send('hubspot.propose', { view })).toMatchObject({ ok: true });
  });
});

describe('the token path', () => {
  it('reads only the lanes\' properties, whatever the page asks for', async () => {
    const send = await start();
    await saveHubSpotToken(db, hubspotSeed.token);
    const read = await send('hubspot.readRecord', { ref: contact, laneProperties: ['num_notes', 'email'] });
    expect(read).toMatchObject({ ok: true });
    const get = fake.requests.find((r) => r.method === 'GET' && r.path === `/crm/v3/objects/0-1/${hubspotSeed.ids.contact}`);
    const asked = get?.query.properties?.split(',') ?? [];
    expect(asked).toEqual(expect.arrayContaining(['jobtitle', 'phone', 'hs_lead_status']));
    expect(asked).not.toContain('num_notes');
  });

  it('asks HubSpot once which portal the token belongs to, and refuses a page of another portal', async () => {
    const send = await start('1111');
    await saveHubSpotToken(db, hubspotSeed.token);
    for (let i = 0; i < 2; i++) {
      const read = await send('hubspot.readRecord', { ref: contact });
      expect(read).toMatchObject({ ok: false, error: { code: 'hubspot.token_other_portal' } });
      expect(await send('hubspot.writeApproved', { ref: contact })).toMatchObject({ ok: false, error: { code: 'hubspot.token_other_portal' } });
    }
    expect(fake.requests.map((r) => r.path)).toEqual(['/account-info/v3/details']);
  });

  it('with the token of this portal, the account is asked once and the record read', async () => {
    const send = await start();
    await saveHubSpotToken(db, hubspotSeed.token);
    expect(await send('hubspot.readRecord', { ref: contact })).toMatchObject({ ok: true });
    expect(await send('hubspot.readRecord', { ref: contact })).toMatchObject({ ok: true });
    expect(fake.requests.filter((r) => r.path === '/account-info/v3/details')).toHaveLength(1);
    expect(fake.unexpected).toEqual([]);
  });
});
