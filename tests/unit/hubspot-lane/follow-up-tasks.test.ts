import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TriageDatabase } from '@/lib/db/database';
import { createLocalEngine } from '@/lib/engine/local/local-engine';
import { proposalInput, proposeForRecord } from '@/lib/hubspot-lane/background/propose-for-record';
import { applyTaskOutcomes, approvedTasks, listTasks, recordTaskStarted, reviewTask, storeTasks } from '@/lib/hubspot-lane/background/task-store';
import { WRITE_LEASE_MS } from '@/lib/hubspot-lane/background/write-lease';
import { readRecordView } from '@/lib/hubspot-lane/shared/record-view';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { createHubSpotClient, type HubSpotClient } from '@/lib/sites/hubspot/api-client';
import { createApprovedTasks } from '@/lib/sites/hubspot/create-tasks';
import { recordSubject } from '@/lib/sites/hubspot/url';
import { type FakeHubSpot, hubspotSeed, startFakeHubSpot } from '../../support/fake-hubspot';

const ref = { host: 'app.hubspot.com', portalId: hubspotSeed.portalId, objectTypeId: '0-3', objectId: hubspotSeed.ids.pilotDeal };
const subject = recordSubject(ref);
let fake: FakeHubSpot;
let client: HubSpotClient;
let db: TriageDatabase;
const NOW = Date.parse('2026-12-02T10:00:00Z');

beforeEach(async () => {
  fake = await startFakeHubSpot();
  client = createHubSpotClient({ mode: 'token', token: hubspotSeed.token, baseUrl: fake.url, fetch: (u, i) => fetch(u, i) });
  db = new TriageDatabase(`tasks-${Math.random()}`);
});
afterEach(async () => {
  await fake.close();
  db.close();
});

/** The pilot deal opened: its view read, the proposals made, the task rows stored. */
async function openPilot() {
  const view = await readRecordView(client, ref, ['hs_next_step']);
  if (!view.ok) throw new Error(view.error.message);
  const result = await proposeForRecord(proposalInput(view.value), { lanes: defaultLanes, handoffs: [], engines: [createLocalEngine()], now: new Date(NOW) });
  return storeTasks(db, subject, { objectType: '0-3', objectId: ref.objectId }, result.tasks, NOW);
}
const audit = async (kind: string) => (await db.audit.toArray()).filter((a) => a.kind === kind);
const posts = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/crm/v3/objects/0-27');
const created = () => [...(fake.state.records.get('0-27')?.values() ?? [])];

async function write(path: 'token' = 'token') {
  const approved = await approvedTasks(db, subject, NOW);
  const outcomes = await createApprovedTasks(client, ref, approved, { beforeCreate: (task) => recordTaskStarted(db, subject, task, path, NOW) });
  return applyTaskOutcomes(db, subject, outcomes, path, NOW);
}

describe('follow-up tasks from a logged meeting', () => {
  it('are proposed once per action item, and a record opened again proposes nothing new', async () => {
    const rows = await openPilot();
    expect(rows.map((r) => [r.status, r.proposed.subject, r.proposed.dueDay, r.dueBasis])).toEqual([['pending', 'Send the SSO checklist (Tom)', '2026-05-29', 'relative']]);
    expect(await openPilot()).toHaveLength(1);
    expect(await audit('task.proposed')).toHaveLength(1);
  });

  it('nothing is created before approval; after it, exactly one POST with the association to the deal, audited', async () => {
    const [row] = await openPilot();
    if (!row) throw new Error('no task');
    expect(await write()).toEqual([expect.objectContaining({ status: 'pending' })]);
    expect(posts()).toHaveLength(0);

    const reviewed = await reviewTask(db, subject, row.id, 'accept', undefined, NOW);
    expect(reviewed.ok).toBe(true);
    const [done] = await write();
    expect(done).toMatchObject({ status: 'created', created: { taskId: expect.any(String) } });
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.body).toEqual({
      properties: { hs_task_subject: 'Send the SSO checklist (Tom)', hs_task_body: row.proposed.body, hs_timestamp: '2026-05-29T12:00:00.000Z', hs_task_status: 'NOT_STARTED', hs_task_type: 'TODO', hubspot_owner_id: '61001' },
      associations: [{ to: { id: ref.objectId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 216 }] }],
    });
    expect(fake.state.associations).toContainEqual(expect.objectContaining({ from: ['0-27', done?.created?.taskId], to: ['0-3', ref.objectId] }));
    expect((await audit('task.approved')).map((a) => a.data)).toEqual([expect.objectContaining({ dueDay: '2026-05-29', ownerId: '61001', edited: false })]);
    expect(await audit('task.write_started')).toHaveLength(1);
    expect((await audit('task.created')).map((a) => a.data)).toEqual([expect.objectContaining({ taskId: done?.created?.taskId, path: 'token' })]);
    // The audit log keeps ids and hashes, never the task's words (they come from the meeting).
    expect(JSON.stringify(await db.audit.toArray())).not.toContain('SSO checklist');

    await write();
    expect(posts()).toHaveLength(1);
  });

  it('a worker restarted mid-write (write_started recorded, outcome lost) creates no duplicate on retry', async () => {
    const [row] = await openPilot();
    if (!row) throw new Error('no task');
    await reviewTask(db, subject, row.id, 'accept', undefined, NOW);
    // The first try: the POST goes through, the outcome is never recorded.
    const approved = await approvedTasks(db, subject, NOW);
    await createApprovedTasks(client, ref, approved, { beforeCreate: (task) => recordTaskStarted(db, subject, task, 'token', NOW) });
    expect(created()).toHaveLength(1);
    const [retried] = await write();
    expect(retried).toMatchObject({ status: 'created', created: { taskId: created()[0]?.id } });
    expect(created()).toHaveLength(1);
    expect(posts()).toHaveLength(1);
    expect((await audit('task.created')).map((a) => a.data)).toEqual([expect.objectContaining({ alreadyThere: true })]);
  });

  it('an edited task is what is created; content changed after approval is refused by its hash', async () => {
    const [row] = await openPilot();
    if (!row) throw new Error('no task');
    await reviewTask(db, subject, row.id, 'accept', { ...row.proposed, ownerId: '61002', dueDay: '2026-06-01' }, NOW);
    const [edited] = await listTasks(db, subject);
    expect(edited).toMatchObject({ status: 'edited', edited: { ownerId: '61002', dueDay: '2026-06-01' } });
    const approved = await approvedTasks(db, subject, NOW);
    const tampered = approved.map((t) => ({ ...t, content: { ...t.content, ownerId: '61003' } }));
    const outcomes = await createApprovedTasks(client, ref, tampered);
    expect(outcomes).toEqual([expect.objectContaining({ status: 'failed', error: expect.objectContaining({ code: 'approval.hash_mismatch' }) })]);
    expect(posts()).toHaveLength(0);
    await write();
    expect(created()[0]?.properties).toMatchObject({ hubspot_owner_id: '61002', hs_timestamp: '2026-06-01T12:00:00.000Z' });
  });

  it("HubSpot's refusal shows on the row and is audited; a 429 leaves it approved for the next try", async () => {
    const [row] = await openPilot();
    if (!row) throw new Error('no task');
    await reviewTask(db, subject, row.id, 'accept', { ...row.proposed, ownerId: '99999' }, NOW);
    const [refused] = await write();
    expect(refused).toMatchObject({ status: 'failed', approvalHash: null, error: expect.stringContaining("HubSpot refused the task's hubspot_owner_id") });
    expect((await audit('task.failed')).map((a) => a.data)).toEqual([expect.objectContaining({ code: 'hubspot.validation' })]);

    await reviewTask(db, subject, row.id, 'accept', row.proposed, NOW);
    client = createHubSpotClient({ mode: 'token', token: hubspotSeed.token, baseUrl: fake.url, fetch: (u, i) => fetch(u, i), sleep: async () => {}, maxTries: 1 });
    fake.failNext({ status: 429 });
    const [waiting] = await write();
    expect(waiting).toMatchObject({ status: 'accepted', error: expect.stringContaining('too many requests') });
    const [done] = await write();
    expect(done?.status).toBe('created');
    expect(created()).toHaveLength(1);
  });

  it('a second tab cannot start the same creation while the first is under way; after the lease, a retry reads the tasks first', async () => {
    const [row] = await openPilot();
    if (!row) throw new Error('no task');
    await reviewTask(db, subject, row.id, 'accept', undefined, NOW);
    const [task] = await approvedTasks(db, subject, NOW);
    if (!task) throw new Error('not approved');
    expect((await recordTaskStarted(db, subject, task, 'session', NOW)).ok).toBe(true);
    expect(await recordTaskStarted(db, subject, task, 'session', NOW + 1_000)).toMatchObject({ ok: false, error: { code: 'hubspot.write_in_progress' } });
    // The first tab never reported (closed mid-write, nothing sent): after the lease the task is created once.
    expect((await recordTaskStarted(db, subject, task, 'session', NOW + WRITE_LEASE_MS)).ok).toBe(true);
  });

  it('a rejected task is never created', async () => {
    const [row] = await openPilot();
    if (!row) throw new Error('no task');
    await reviewTask(db, subject, row.id, 'reject', undefined, NOW);
    await write();
    expect(posts()).toHaveLength(0);
    expect(await audit('task.rejected')).toHaveLength(1);
  });
});
