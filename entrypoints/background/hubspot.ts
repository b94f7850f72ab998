import { waitingHandoffs } from '@/lib/hubspot-lane/background/handoffs';
import { applyOutcomes, approvedFields, listRows, proposeUndo, reviewRow, storeProposals } from '@/lib/hubspot-lane/background/proposal-store';
import { proposalInput, proposeForRecord } from '@/lib/hubspot-lane/background/propose-for-record';
import { readRecordView } from '@/lib/hubspot-lane/shared/record-view';
import { loadHubSpotToken, maskToken, saveHubSpotToken } from '@/lib/hubspot-lane/background/token-store';
import { loadLanes } from '@/lib/lanes/lane-store';
import type { Handlers } from '@/lib/protocol/server';
import { fail, ok } from '@/lib/schemas/errors';
import { createHubSpotClient, type FetchLike, type HubSpotClient } from '@/lib/sites/hubspot/api-client';
import { recordSubject } from '@/lib/sites/hubspot/url';
import { writeApproved } from '@/lib/sites/hubspot/write-approved';
import type { Services } from './services';

export interface HubSpotOptions {
  /** The public API's base URL; tests point it at the fake. */
  baseUrl?: string;
  fetch?: FetchLike;
  now?: () => number;
}

const noToken = () => fail('hubspot.no_token', 'No private-app token is set for HubSpot.', 'Ask an admin to set one in Options, or use your HubSpot session.');

/** HubSpot lane: proposals, reviews and approvals live here; with an admin's token, reads and writes too. */
export function setUpHubSpot(services: Pick<Services, 'db' | 'chosenEngines'>, options: HubSpotOptions = {}): Handlers {
  const { db } = services;
  const now = options.now ?? Date.now;
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));

  async function tokenClient(): Promise<HubSpotClient | null> {
    const token = await loadHubSpotToken(db);
    return token ? createHubSpotClient({ mode: 'token', token, fetch: doFetch, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) }) : null;
  }
  const laneProperties = async () => [...new Set((await loadLanes(db)).flatMap((l) => l.processing.writableProperties))];

  return {
    'hubspot.setup': async () => ok({ mode: (await loadHubSpotToken(db)) ? 'token' : 'session', laneProperties: await laneProperties() }),
    'hubspot.readRecord': async ({ ref, laneProperties: wanted }) => {
      const client = await tokenClient();
      if (!client) return noToken();
      return readRecordView(client, ref, wanted);
    },
    'hubspot.propose': async ({ view }) => {
      const handoffs = await waitingHandoffs(db, view.match);
      const { engines, error } = await services.chosenEngines(view.subject);
      const result = await proposeForRecord(proposalInput(view), { lanes: await loadLanes(db), handoffs, engines, now: new Date(now()) });
      const rows = await storeProposals(db, view.subject, result, view.definitions, now());
      return ok({ rows, handoffs, ignoredSources: result.ignoredSources, engineError: error ?? result.engineError });
    },
    'hubspot.review': ({ subject, id, action, value }) => reviewRow(db, subject, id, action, value, now()),
    'hubspot.approvedFields': async ({ subject }) => ok(await approvedFields(db, subject)),
    'hubspot.recordOutcomes': async ({ subject, outcomes }) => ok(await applyOutcomes(db, subject, outcomes, 'session', now())),
    'hubspot.writeApproved': async ({ ref }) => {
      const client = await tokenClient();
      if (!client) return noToken();
      const subject = recordSubject(ref);
      const approved = await approvedFields(db, subject);
      if (approved.length === 0) return ok(await listRows(db, subject));
      const report = await writeApproved(client, ref, approved);
      return ok(await applyOutcomes(db, subject, report.outcomes, 'token', now()));
    },
    'hubspot.undo': ({ subject, id }) => proposeUndo(db, subject, id, now()),
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

