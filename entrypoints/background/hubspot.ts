import { waitingHandoffs } from '@/lib/hubspot-lane/background/handoffs';
import { applyOutcomes, approvedFields, listRows, proposeUndo, recordWriteStarted, reviewRow, storeProposals } from '@/lib/hubspot-lane/background/proposal-store';
import { proposalInput, proposeForRecord } from '@/lib/hubspot-lane/background/propose-for-record';
import { outsideSenderPortal, viewOutsideSenderPortal } from '@/lib/hubspot-lane/background/sender-portal';
import { readRecordView } from '@/lib/hubspot-lane/shared/record-view';
import { applyTaskOutcomes, approvedTasks, listTasks, recordTaskStarted, reviewTask, storeTasks } from '@/lib/hubspot-lane/background/task-store';
import { createApprovedTasks } from '@/lib/sites/hubspot/create-tasks';
import { applyContactOutcomes, approvedContacts, listContacts, recordContactStarted, reviewContact, storeContacts } from '@/lib/hubspot-lane/background/contact-store';
import { createApprovedContacts } from '@/lib/sites/hubspot/create-contact';
import { loadHubSpotToken, maskToken, saveHubSpotToken } from '@/lib/hubspot-lane/background/token-store';
import { loadLanes } from '@/lib/lanes/lane-store';
import type { Handlers } from '@/lib/protocol/server';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import type { RecordRef } from '@/lib/schemas/hubspot';
import { readTokenPortal } from '@/lib/sites/hubspot/account-info';
import { createHubSpotClient, HUBSPOT_API_BASE_URL, type FetchLike, type HubSpotClient } from '@/lib/sites/hubspot/api-client';
import { recordSubject } from '@/lib/sites/hubspot/url';
import { writeApproved } from '@/lib/sites/hubspot/write-approved';
import type { Services } from './services';

export interface HubSpotOptions {
  /** The public API's base URL; tests point it at the fake. */
  baseUrl?: string;
  fetch?: FetchLike;
  now?: () => number;
}

/** How long a tab may hold a record for its session write: far longer than a re-read and a PATCH take. */
const SESSION_LEASE_MS = 60_000;

const noToken = () => fail('hubspot.no_token', 'No private-app token is set for HubSpot.', 'Ask an admin to set one in Options, or use your HubSpot session.');

/** HubSpot lane: proposals, reviews and approvals live here; with an admin's token, reads and writes too. */
export function setUpHubSpot(services: Pick<Services, 'db' | 'chosenEngines'>, options: HubSpotOptions = {}): Handlers {
  const { db } = services;
  const now = options.now ?? Date.now;
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const baseUrl = options.baseUrl ?? HUBSPOT_API_BASE_URL;
  /** The portal each token belongs to, asked of HubSpot once per token while the worker lives. */
  const tokenPortals = new Map<string, string>();
  /** One write at a time per record: a second Write approved waits for the first to finish and re-reads after it. */
  const writing = new Map<string, Promise<unknown>>();
  /** Session path: the tab writing a record holds it until it reports the outcomes, or until the lease runs out (a closed tab). */
  const sessionLeases = new Map<string, { id: string; until: number }>();

  /** The token's client, once HubSpot has said the token belongs to the portal of the record asked about. */
  async function tokenClientFor(ref: RecordRef): Promise<Result<HubSpotClient>> {
    const token = await loadHubSpotToken(db);
    if (!token) return noToken();
    let portal = tokenPortals.get(token);
    if (portal === undefined) {
      const asked = await readTokenPortal({ token, baseUrl, fetch: doFetch });
      if (!asked.ok) return { ok: false, error: { code: asked.error.code, message: asked.error.message, nextStep: asked.error.nextStep } };
      portal = asked.value;
      tokenPortals.set(token, portal);
    }
    if (portal !== ref.portalId) {
      return fail('hubspot.token_other_portal', `The private-app token set in Options belongs to HubSpot portal ${portal}, not to portal ${ref.portalId} open in this tab.`, 'Nothing was read or written. Ask an admin to set the token of this portal.');
    }
    return ok(createHubSpotClient({ mode: 'token', token, fetch: doFetch, baseUrl, portalId: portal }));
  }
  /** What the lanes in force may write: the only properties, beyond the record's name and stage, the token path reads. */
  const laneProperties = async () => [...new Set((await loadLanes(db)).flatMap((l) => l.processing.writableProperties))];

  /** Writes on the token path: one at a time per record, with the portal's token client. */
  function onTokenPath<T>(ref: RecordRef, work: (client: HubSpotClient, subject: string) => Promise<Result<T>>): Promise<Result<T>> {
    const subject = recordSubject(ref);
    return oneAtATime(subject, async () => {
      const client = await tokenClientFor(ref);
      return client.ok ? work(client.value, subject) : client;
    });
  }

  function oneAtATime<T>(subject: string, run: () => Promise<T>): Promise<T> {
    const previous = writing.get(subject) ?? Promise.resolve();
    const next = previous.then(run, run);
    const settled = next.then(() => undefined, () => undefined);
    writing.set(subject, settled);
    void settled.then(() => {
      if (writing.get(subject) === settled) writing.delete(subject);
    });
    return next;
  }

  return {
    'hubspot.setup': async () => ok({ mode: (await loadHubSpotToken(db)) ? 'token' : 'session', laneProperties: await laneProperties() }),
    'hubspot.readRecord': async ({ ref }, sender) => {
      const refused = outsideSenderPortal(sender, { ref });
      if (refused) return refused;
      const client = await tokenClientFor(ref);
      if (!client.ok) return client;
      return readRecordView(client.value, ref, await laneProperties());
    },
    'hubspot.propose': async ({ view }, sender) => {
      const refused = viewOutsideSenderPortal(sender, view);
      if (refused) return refused;
      const handoffs = await waitingHandoffs(db, view.match);
      const { engines, error } = await services.chosenEngines(view.subject);
      const result = await proposeForRecord(proposalInput(view), { lanes: await loadLanes(db), handoffs, engines, now: new Date(now()) });
      const rows = await storeProposals(db, view.subject, result, view.definitions, now());
      const tasks = await storeTasks(db, view.subject, { objectType: view.ref.objectTypeId, objectId: view.ref.objectId }, result.tasks, now());
      const contacts = await storeContacts(db, view.subject, result.contacts, now());
      const findings = result.findings.map(({ lane: _lane, ...finding }) => finding);
      return ok({ rows, tasks, contacts, handoffs, ignoredSources: result.ignoredSources, findings, engineError: error ?? result.engineError });
    },
    'hubspot.review': async ({ subject, id, action, value }, sender) => outsideSenderPortal(sender, { subject }) ?? reviewRow(db, subject, id, action, value, now()),
    'hubspot.approvedFields': async ({ subject }, sender) => outsideSenderPortal(sender, { subject }) ?? ok(await approvedFields(db, subject)),
    'hubspot.writeStarted': async ({ subject, fields }, sender) => {
      const refused = outsideSenderPortal(sender, { subject });
      if (refused) return refused;
      const held = sessionLeases.get(subject);
      if (writing.has(subject) || (held && held.until > now())) {
        return fail('hubspot.write_in_progress', 'Another tab is writing to this record right now; nothing was sent from here.', 'Wait a moment, then press Write approved again: the record is read again first.');
      }
      const lease = { id: crypto.randomUUID(), until: now() + SESSION_LEASE_MS };
      sessionLeases.set(subject, lease);
      await recordWriteStarted(db, subject, fields, 'session', now());
      return ok({ recorded: fields.length, lease: lease.id });
    },
    'hubspot.recordOutcomes': async ({ subject, outcomes, lease }, sender) => {
      const refused = outsideSenderPortal(sender, { subject });
      if (refused) return refused;
      if (lease !== undefined && sessionLeases.get(subject)?.id === lease) sessionLeases.delete(subject);
      return ok(await applyOutcomes(db, subject, outcomes, 'session', now()));
    },
    'hubspot.writeApproved': async ({ ref }, sender) => {
      const refused = outsideSenderPortal(sender, { ref });
      if (refused) return refused;
      return onTokenPath(ref, async (client, subject) => {
        const approved = await approvedFields(db, subject);
        if (approved.length === 0) return ok(await listRows(db, subject));
        const report = await writeApproved(client, ref, approved, { beforePatch: async (fields) => ok(await recordWriteStarted(db, subject, fields, 'token', now())) });
        return ok(await applyOutcomes(db, subject, report.outcomes, 'token', now()));
      });
    },
    'hubspot.reviewTask': async ({ subject, id, action, content }, sender) => outsideSenderPortal(sender, { subject }) ?? reviewTask(db, subject, id, action, content, now()),
    'hubspot.approvedTasks': async ({ subject }, sender) => outsideSenderPortal(sender, { subject }) ?? ok(await approvedTasks(db, subject, now())),
    'hubspot.taskStarted': async ({ subject, task }, sender) => outsideSenderPortal(sender, { subject }) ?? recordTaskStarted(db, subject, task, 'session', now()),
    'hubspot.recordTaskOutcomes': async ({ subject, outcomes }, sender) => outsideSenderPortal(sender, { subject }) ?? ok(await applyTaskOutcomes(db, subject, outcomes, 'session', now())),
    'hubspot.createApprovedTasks': async ({ ref }, sender) => {
      const refused = outsideSenderPortal(sender, { ref });
      if (refused) return refused;
      return onTokenPath(ref, async (client, subject) => {
        const approved = await approvedTasks(db, subject, now());
        if (approved.length === 0) return ok(await listTasks(db, subject));
        const outcomes = await createApprovedTasks(client, ref, approved, { beforeCreate: (task) => recordTaskStarted(db, subject, task, 'token', now()) });
        return ok(await applyTaskOutcomes(db, subject, outcomes, 'token', now()));
      });
    },
    'hubspot.reviewContact': async ({ subject, id, action }, sender) => outsideSenderPortal(sender, { subject }) ?? reviewContact(db, subject, id, action, now()),
    'hubspot.approvedContacts': async ({ subject }, sender) => outsideSenderPortal(sender, { subject }) ?? ok(await approvedContacts(db, subject, now())),
    'hubspot.contactStarted': async ({ subject, contact }, sender) => outsideSenderPortal(sender, { subject }) ?? recordContactStarted(db, subject, contact, 'session', now()),
    'hubspot.recordContactOutcomes': async ({ subject, outcomes }, sender) => outsideSenderPortal(sender, { subject }) ?? ok(await applyContactOutcomes(db, subject, outcomes, 'session', now())),
    'hubspot.createApprovedContacts': async ({ ref }, sender) => {
      const refused = outsideSenderPortal(sender, { ref });
      if (refused) return refused;
      return onTokenPath(ref, async (client, subject) => {
        const approved = await approvedContacts(db, subject, now());
        if (approved.length === 0) return ok(await listContacts(db, subject));
        const outcomes = await createApprovedContacts(client, approved, { beforeCreate: (contact) => recordContactStarted(db, subject, contact, 'token', now()) });
        return ok(await applyContactOutcomes(db, subject, outcomes, 'token', now()));
      });
    },
    'hubspot.undo': async ({ subject, id }, sender) => outsideSenderPortal(sender, { subject }) ?? proposeUndo(db, subject, id, now()),
    'hubspot.tokenStatus': async () => {
      const token = await loadHubSpotToken(db);
      return ok({ set: token !== null, masked: maskToken(token) });
    },
    'hubspot.setToken': async ({ token }) => {
      await saveHubSpotToken(db, token, now());
      return ok({ set: token !== null, masked: maskToken(token) });
    },
  };
}
