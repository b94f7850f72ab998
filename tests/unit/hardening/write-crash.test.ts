import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setUpHubSpot } from '@/entrypoints/background/hubspot';
import { TriageDatabase } from '@/lib/db/database';
import { listRows, reviewRow, storeProposals } from '@/lib/hubspot-lane/background/proposal-store';
import { saveHubSpotToken } from '@/lib/hubspot-lane/background/token-store';
import { dispatch } from '@/lib/protocol/server';
import type { PropertyDefinition, RecordRef } from '@/lib/schemas/hubspot';
import type { FetchLike } from '@/lib/sites/hubspot/api-client';
import { parseRecordUrl, recordSubject } from '@/lib/sites/hubspot/url';
import { type FakeHubSpot, hubspotSeed, startFakeHubSpot } from '../../support/fake-hubspot';
import { createLocalEngine } from '@/lib/engine/local/local-engine';

// HubSpot writes through the private-app token when the worker dies, HubSpot answers 5xx after saving, or two
// writes race: the field ends written once, with one PATCH, and the audit log says what happened.

type Sender = Parameters<typeof dispatch>[1];
const contactUrl = `https://app.hubspot.com/contacts/${hubspotSeed.portalId}/record/0-1/${hubspotSeed.ids.contact}`;
const contact = parseRecordUrl(contactUrl) as RecordRef;
const subject = recordSubject(contact);
const sender = { id: 'ext', url: contactUrl, tab: { id: 1 } } as Sender;
const policy = { extensionId: 'ext', extensionOrigin: 'chrome-extension://ext/', siteOf: () => 'hubspot' as const };
const localOnly = async () => ({ engines: [createLocalEngine()], error: null });
const NOW = Date.parse('2024-03-20T12:00:00Z');

let fake: FakeHubSpot;
let dbName: string;
let db: TriageDatabase;

function handlersWith(database: TriageDatabase, fetch?: FetchLike) {
  const handlers = setUpHubSpot({ db: database, chosenEngines: localOnly }, { baseUrl: fake.url, now: () => NOW, ...(fetch ? { fetch } : {}) });
  return () => dispatch({ type: 'hubspot.writeApproved', payload: { ref: contact } }, sender, handlers, policy);
}
const patches = () => fake.requests.filter((r) => r.method === 'PATCH');
const audit = async (database: TriageDatabase, kind: string) => (await database.audit.toArray()).filter((a) => a.kind === kind);
const jobtitleInHubSpot = () => fake.state.records.get('0-1')?.get(hubspotSeed.ids.contact)?.properties.jobtitle ?? null;

/** One approved proposal on the contact: jobtitle, empty in HubSpot, to "Head of Procurement". */
async function approveJobTitle(database: TriageDatabase): Promise<void> {
  const definition = fake.state.definitions['0-1']?.find((d) => d.name === 'jobtitle') as PropertyDefinition;
  const proposal = {
    id: 'p1', objectType: '0-1', objectId: contact.objectId, property: 'jobtitle', label: 'Job Title', currentValue: null, proposedValue: 'Head of Procurement',
    reason: 'signature', evidence: { quote: 'Head of Procurement', source: { kind: 'email' as const, ref: 'gmail:t1', label: 'Email' } }, confidence: 0.9, humanDecision: false, status: 'pending' as const,
  };
  const rows = await storeProposals(database, subject, { proposals: [{ lane: 'lead-routing', proposal }], dropped: [] }, [definition], NOW);
  const accepted = await reviewRow(database, subject, rows[0]!.id, 'accept', undefined, NOW);
  if (!accepted.ok) throw new Error(accepted.error.message);
}

beforeEach(async () => {
  fake = await startFakeHubSpot();
  dbName = `write-crash-${Math.random()}`;
  db = new TriageDatabase(dbName);
  await saveHubSpotToken(db, hubspotSeed.token, NOW);
  await approveJobTitle(db);
});
afterEach(async () => {
  await fake.close();
  db.close();
});

describe('HubSpot writes that survive a crash', () => {
  it('records field.write_started before the PATCH, and the correlation id of the PATCH with the written field', async () => {
    let startedAtPatch: number | null = null;
    const watching: FetchLike = async (input, init) => {
      if (init.method === 'PATCH') startedAtPatch = (await audit(db, 'field.write_started')).length;
      return fetch(input, init);
    };
    const result = await handlersWith(db, watching)();
    expect(result).toMatchObject({ ok: true });
    expect(startedAtPatch).toBe(1);
    expect((await audit(db, 'field.write_started'))[0]?.data).toMatchObject({ property: 'jobtitle', path: 'token', value: 'Head of Procurement' });
    const written = await audit(db, 'field.written');
    expect(written).toHaveLength(1);
    const patchAnswerId = fake.correlationIds[fake.requests.indexOf(patches()[0]!)];
    expect(patchAnswerId).toBeTruthy();
    expect(written[0]?.data).toMatchObject({ correlationId: patchAnswerId });
  });

  it('the worker stopped between PATCH and audit, then reopened: written once, no second PATCH', async () => {
    // The first worker's PATCH reaches HubSpot, and the worker dies before it hears the answer.
    const dying: FetchLike = async (input, init) => {
      if (init.method !== 'PATCH') return fetch(input, init);
      await fetch(input, init);
      return new Promise<Response>(() => {});
    };
    void handlersWith(db, dying)();
    await vi.waitFor(() => expect(patches()).toHaveLength(1));
    expect(jobtitleInHubSpot()).toBe('Head of Procurement');
    expect(await audit(db, 'field.written')).toHaveLength(0);
    db.close();

    // A new worker opens the same database and the rep presses Write approved again.
    const reopened = new TriageDatabase(dbName);
    try {
      const result = await handlersWith(reopened)();
      expect(result).toMatchObject({ ok: true });
      expect(patches()).toHaveLength(1);
      const row = (await listRows(reopened, subject))[0];
      expect(row?.proposal.status).toBe('written');
      expect(row?.written).toMatchObject({ before: null, after: 'Head of Procurement' });
      const written = await audit(reopened, 'field.written');
      expect(written).toHaveLength(1);
      expect(written[0]?.data).toMatchObject({ property: 'jobtitle', alreadyThere: true });
      expect(await audit(reopened, 'field.conflict')).toHaveLength(0);
      expect(await audit(reopened, 'field.write_started')).toHaveLength(1);
      // Written rows are not written again.
      await handlersWith(reopened)();
      expect(patches()).toHaveLength(1);
    } finally {
      reopened.close();
    }
  });

  it('a PATCH HubSpot saved but answered 503 stays approved, and its retry records it as written, not a conflict', async () => {
    fake.saveNextPatchThenFail(503);
    const first = await handlersWith(db)();
    expect(first).toMatchObject({ ok: true });
    expect((await listRows(db, subject))[0]?.proposal).toMatchObject({ status: 'accepted', error: expect.stringMatching(/HubSpot had a problem/) });
    expect((await audit(db, 'field.failed'))[0]?.data).toMatchObject({ code: 'hubspot.unavailable', correlationId: expect.any(String) });

    const retry = await handlersWith(db)();
    expect(retry).toMatchObject({ ok: true });
    expect((await listRows(db, subject))[0]?.proposal.status).toBe('written');
    expect(patches()).toHaveLength(1);
    expect(await audit(db, 'field.conflict')).toHaveLength(0);
    expect(await audit(db, 'field.written')).toHaveLength(1);
  });

  it('two Write approved at once on one record: one PATCH, one written entry', async () => {
    const write = handlersWith(db);
    const [a, b] = await Promise.all([write(), write()]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toMatchObject({ ok: true });
    expect(patches()).toHaveLength(1);
    expect(await audit(db, 'field.written')).toHaveLength(1);
    expect(await audit(db, 'field.conflict')).toHaveLength(0);
  });
});

describe('session path: one tab writes a record at a time', () => {
  it('a second tab is refused while the first holds the record, keeps its approval, and writes once the first reported', async () => {
    const handlers = setUpHubSpot({ db, chosenEngines: localOnly }, { baseUrl: fake.url, now: () => NOW });
    const send = (type: string, payload: unknown) => dispatch({ type, payload }, sender, handlers, policy);
    const approved = await send('hubspot.approvedFields', { subject });
    if (!approved.ok) throw new Error(approved.error.message);
    const fields = approved.value as { property: string; approvalHash: string }[];

    const first = await send('hubspot.writeStarted', { subject, fields });
    expect(first).toMatchObject({ ok: true, value: { recorded: 1, lease: expect.any(String) } });
    const second = await send('hubspot.writeStarted', { subject, fields });
    expect(second).toMatchObject({ ok: false, error: { code: 'hubspot.write_in_progress' } });
    // The second tab reports its refusal: the approval stands.
    const refusal = second.ok ? null : second.error;
    await send('hubspot.recordOutcomes', { subject, outcomes: [{ property: 'jobtitle', approvalHash: fields[0]!.approvalHash, status: 'failed', error: refusal }] });
    expect((await listRows(db, subject))[0]?.proposal.status).toBe('accepted');
    expect(await send('hubspot.writeStarted', { subject, fields })).toMatchObject({ ok: false, error: { code: 'hubspot.write_in_progress' } });

    // The first tab reports with its lease: the record is free again.
    const lease = first.ok ? (first.value as { lease: string }).lease : '';
    await send('hubspot.recordOutcomes', { subject, outcomes: [], lease });
    expect(await send('hubspot.writeStarted', { subject, fields })).toMatchObject({ ok: true });
  });
});
