import { defaultLanes } from '@/lib/lanes/default-lanes';
import type { HandoffPacket } from '@/lib/schemas/proposal';
import { test, expect } from './hubspot-fixtures';
import { type FakeHubSpot, hubspotSeed } from '../support/fake-hubspot';
import { HubSpotPanel, recordUrl, seedHandoff, seedLanes } from '../support/hubspot-page';

// HubSpot keeps some options outside the property definition: owners (from the owners API) and the stages of
// the record's own pipeline. The built extension on HubSpot record pages, against the stand-in that does the same.

const patches = (fake: FakeHubSpot) => fake.requests.filter((r) => r.method === 'PATCH');
const packet = (id: string, lane: string, fields: Record<string, string>, evidence: Record<string, string>): HandoffPacket => ({
  id,
  createdAt: Date.parse('2024-03-19T10:00:00Z'),
  fromThreadId: `gmail:${id}`,
  lane,
  contactEmail: 'priya@kestrel-foods.example',
  company: 'Kestrel Foods',
  fields,
  evidence,
  status: 'waiting',
});

test('a lead-routing owner proposal offers the owners by name and is written only after approval', async ({ context, extensionId, fake, hubspot }) => {
  // The admin's lead-routing lane may set the contact owner (the shipped one does not yet).
  await seedLanes(context, extensionId, defaultLanes.map((l) => (l.id === 'lead-routing' ? { ...l, processing: { ...l.processing, writableProperties: [...l.processing.writableProperties, 'hubspot_owner_id'] } } : l)));
  await seedHandoff(context, extensionId, packet('handoff:gmail:owner1', 'lead-routing', { hubspot_owner_id: '61003' }, { hubspot_owner_id: 'Fenwick Partners referred us to you; Marta Lindqvist looks after partner referrals.' }));
  const contactDef = fake.state.definitions['0-1']!.find((d) => d.name === 'hubspot_owner_id')!;
  expect(contactDef).toMatchObject({ externalOptions: true, referencedObjectType: 'OWNER', options: [] });

  const panel = new HubSpotPanel(hubspot);
  await hubspot.goto(recordUrl('0-1', hubspotSeed.ids.contact));
  const owner = panel.row('hubspot_owner_id');
  await expect(owner.getByTestId('proposal-value')).toHaveText('Marta Lindqvist');
  await expect(owner.getByTestId('proposal-current')).toHaveText('(empty)');
  await panel.button('hubspot_owner_id', 'Edit').click();
  const select = owner.getByLabel('New Contact owner');
  await expect(select.locator('option')).toHaveText(['Sam Okafor', 'Lena Voss', 'Marta Lindqvist']);
  await expect(select).toHaveValue('61003');
  expect(patches(fake)).toEqual([]);

  await panel.button('hubspot_owner_id', 'Accept').click();
  await expect(owner).toHaveAttribute('data-status', 'accepted');
  expect(patches(fake)).toEqual([]);
  await expect(panel.writeApproved).toHaveText('Write approved (1)');
  await expect(panel.root.getByTestId('handoff')).toHaveCount(1);
  await panel.writeApproved.click();
  await expect(owner).toHaveAttribute('data-status', 'written');
  // Its only row written, the packet is consumed: it leaves *Waiting handoffs* without a reload.
  await expect(panel.root.getByTestId('handoff')).toHaveCount(0);
  await expect(owner.getByTestId('proposal-written')).toHaveText('Written: (empty) → Marta Lindqvist');
  expect(patches(fake).map((p) => [p.path, p.body])).toEqual([[`/api/crm/v3/objects/0-1/${hubspotSeed.ids.contact}`, { properties: { hubspot_owner_id: '61003' } }]]);
  expect(fake.state.records.get('0-1')?.get(hubspotSeed.ids.contact)?.properties.hubspot_owner_id).toBe('61003');
});

test("a deal in a second pipeline only offers that pipeline's stages", async ({ context, extensionId, fake, hubspot }) => {
  await seedHandoff(context, extensionId, packet('handoff:gmail:stage1', 'rfq-response', { dealstage: '1029382' }, { dealstage: 'Fenwick and we will send the joint proposal this week.' }));
  const panel = new HubSpotPanel(hubspot);
  await hubspot.goto(recordUrl('0-3', hubspotSeed.ids.partnerDeal));
  await expect(panel.fact('stage')).toHaveText('Partner introduced');
  const stage = panel.row('dealstage');
  await expect(stage.getByTestId('proposal-value')).toHaveText('Joint proposal');
  await expect(stage).toContainText('decision: human');
  await panel.button('dealstage', 'Edit').click();
  // The definition lists both pipelines' stages; the control offers only this deal's pipeline's.
  await expect(stage.getByLabel('New Deal Stage').locator('option')).toHaveText(['Partner introduced', 'Joint proposal', 'Partner signed', 'Partner lost']);
  await stage.getByLabel('New Deal Stage').selectOption({ label: 'Partner signed' });
  await panel.button('dealstage', 'Accept').click();
  await expect(stage).toHaveAttribute('data-status', 'edited');
  expect(patches(fake)).toEqual([]);
  await panel.writeApproved.click();
  await expect(stage).toHaveAttribute('data-status', 'written');
  expect(patches(fake).map((p) => p.body)).toEqual([{ properties: { dealstage: '1029383' } }]);
});

test.describe('when HubSpot answers a 400 with only the packed "Property values were not valid" message', () => {
  test.use({ fakeOptions: { validationErrors: 'message-only' } });

  test('the refused field still shows its own error, and the other field of the PATCH says why it was not written', async ({ context, extensionId, fake, hubspot }) => {
    await seedHandoff(context, extensionId, packet('handoff:gmail:packed1', 'lead-routing', { jobtitle: 'Head of Procurement', hs_lead_status: 'CONNECTED' }, {}));
    const panel = new HubSpotPanel(hubspot);
    await hubspot.goto(recordUrl('0-1', hubspotSeed.ids.contact));
    await panel.button('jobtitle', 'Accept').click();
    await panel.button('hs_lead_status', 'Accept').click();
    await expect(panel.writeApproved).toHaveText('Write approved (2)');
    // An admin retires the option between proposal and write.
    const def = fake.state.definitions['0-1']!.find((d) => d.name === 'hs_lead_status')!;
    def.options = def.options.filter((o) => o.value !== 'CONNECTED');
    await panel.writeApproved.click();
    await expect(panel.row('hs_lead_status')).toHaveAttribute('data-status', 'failed');
    await expect(panel.row('hs_lead_status').getByTestId('proposal-error')).toContainText('HubSpot refused hs_lead_status: CONNECTED was not one of the allowed options');
    await expect(panel.row('jobtitle').getByTestId('proposal-error')).toContainText('HubSpot refused another field in the same update');
    expect(patches(fake)).toHaveLength(1);
    expect(fake.state.records.get('0-1')?.get(hubspotSeed.ids.contact)?.properties.jobtitle).toBeUndefined();
  });
});

test('a definition of an unexpected shape is left out and counted in the panel; the record still shows', async ({ fake, hubspot }) => {
  (fake.state.definitions['0-1'] as unknown[]).push({ name: 'hs_new_thing', label: { en: 'New thing' }, type: 'enumeration' });
  const panel = new HubSpotPanel(hubspot);
  await hubspot.goto(recordUrl('0-1', hubspotSeed.ids.contact));
  // The first record of a fresh profile waits for the local engine's first start (on a shared 2-core machine, seconds).
  await expect(panel.fact('name')).toHaveText('Priya Raman', { timeout: 20_000 });
  await expect(panel.root.getByTestId('read-skipped')).toContainText('1 property definition.');
});
