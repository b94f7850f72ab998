import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecordView } from '@/lib/hubspot-lane/shared/record-view';
import { createHubSpotClient, type HubSpotClient } from '@/lib/sites/hubspot/api-client';
import { type FakeHubSpot, hubspotSeed, startFakeHubSpot } from '../../support/fake-hubspot';

const ref = (objectTypeId: string, objectId: string) => ({ host: 'app.hubspot.com', portalId: hubspotSeed.portalId, objectTypeId, objectId });
let fake: FakeHubSpot;
let client: HubSpotClient;

beforeEach(async () => {
  fake = await startFakeHubSpot();
  client = createHubSpotClient({ mode: 'token', token: hubspotSeed.token, baseUrl: fake.url, fetch: (u, i) => fetch(u, i) });
});
afterEach(() => fake.close());

const view = async (type: string, id: string) => {
  const read = await readRecordView(client, ref(type, id), []);
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
};

describe('open and closed stages', () => {
  it("a contact's tickets through v4 associations, each open or closed by its stage's ticketState", async () => {
    expect((await view('0-1', hubspotSeed.ids.supportContact)).tickets).toEqual([
      { id: hubspotSeed.ids.supportTicket, name: 'Refund for annual plan renewal', open: true },
      { id: hubspotSeed.ids.closedTicket, name: 'Invoice address change', open: false },
    ]);
    expect((await view('0-1', hubspotSeed.ids.rfqContact)).tickets).toBeUndefined();
  });

  it('a ticket or deal says whether its stage is closed, from its own pipeline', async () => {
    expect((await view('0-5', hubspotSeed.ids.closedTicket)).closed).toBe(true);
    expect((await view('0-5', hubspotSeed.ids.supportTicket)).closed).toBe(false);
    expect((await view('0-3', hubspotSeed.ids.deal)).closed).toBe(false);
    fake.setProperty('0-3', hubspotSeed.ids.deal, 'dealstage', 'closedwon');
    expect((await view('0-3', hubspotSeed.ids.deal)).closed).toBe(true);
    expect((await view('0-2', hubspotSeed.ids.company)).closed).toBeUndefined();
  });
});
