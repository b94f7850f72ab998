import { test, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { type FakeHubSpot, hubspotSeed, startFakeHubSpot } from '../support/fake-hubspot';
import { HubSpotPanel, recordUrl, serveHubSpot } from '../support/hubspot-page';
import { loadSampleSops } from '../support/extension-pages';

// The lead lane end to end: Ines Carvalho's mail in Gmail ("team of 40 … found you through a partner … pricing for
// 40 seats … a demo") hands off to HubSpot, where the lane's routing rules propose the owner from the portal's owners.

const LEAD_THREAD = '06df83146696dbc6';
const TEAM_OF_40 = 'Hi, we are evaluating tools for our analytics team of 40 and found you through a partner.';
const writes = (fake: FakeHubSpot) => fake.requests.filter((r) => r.method === 'POST' || r.method === 'PATCH').filter((r) => !r.path.endsWith('/batch/read'));

test('a lead from Gmail becomes a new contact at its company, owned by the routing rule’s owner, created only after approval', async ({ context, extensionId, gmail, pageErrors }) => {
  const fake = await startFakeHubSpot();
  try {
    await serveHubSpot(context, fake);
    await loadSampleSops(context, extensionId);
    const gmailPanel = new GmailPanel(gmail);
    await gmailPanel.openThread(LEAD_THREAD);
    await expect(gmailPanel.root).toContainText('Waiting for HubSpot');
    // Gmail already says who the lead goes to, by which of the SOP's rules (not the generic queue).
    await expect(gmailPanel.root.getByTestId('handoff-routing')).toContainText('sam.okafor@northwind-sensors.example (10 to 49 seats: mid-market team.)');

    const hubspot = await context.newPage();
    hubspot.on('pageerror', (error) => pageErrors.push(error.message));
    const panel = new HubSpotPanel(hubspot);
    await hubspot.goto(recordUrl('0-2', hubspotSeed.ids.leadCompany));
    await expect(panel.fact('name')).toHaveText('Tidepool Analytics');
    await expect(panel.root.getByTestId('handoff')).toContainText('ines@tidepool-analytics.example');

    const row = panel.root.getByTestId('contact-proposal');
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('contact-name')).toHaveText('Ines Carvalho');
    const value = (property: string) => row.locator(`[data-testid=contact-property][data-property="${property}"]`);
    // The owner by the SOP's rule (10 to 49 seats), from the portal's owners, with the customer's sentence as evidence.
    await expect(value('hubspot_owner_id').getByTestId('contact-value')).toHaveText('Sam Okafor');
    await expect(value('hubspot_owner_id')).toContainText('10 to 49 seats: mid-market team.');
    await expect(value('hubspot_owner_id').locator('q.quote')).toHaveText(TEAM_OF_40);
    await expect(value('hs_lead_status').getByTestId('contact-value')).toHaveText('NEW');
    await expect(value('lifecyclestage').getByTestId('contact-value')).toHaveText('Lead');
    await expect(value('jobtitle').getByTestId('contact-value')).toHaveText('VP Data');
    // The first name's evidence is her signature, not "Ines" restated.
    await expect(value('firstname').locator('q.quote')).not.toHaveText('Ines');
    // Contact fields are not proposed on the company itself, and nothing is written before approval.
    await expect(panel.rows).toHaveCount(0);
    expect(writes(fake)).toEqual([]);

    await row.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect(row).toHaveAttribute('data-status', 'accepted');
    await expect(panel.writeApproved).toHaveText('Write approved (1)');
    await panel.writeApproved.click();
    await expect(row).toHaveAttribute('data-status', 'created');
    await expect(row.getByTestId('contact-created')).toBeVisible();

    // Exactly the approved creation, once, through the page's session, with the company association.
    const sent = writes(fake);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/crm/v3/objects/0-1']);
    expect(sent[0]!.headers['x-hubspot-csrf-hubspotapi']).toBe(hubspotSeed.session.csrf);
    expect(sent[0]!.body).toEqual({
      properties: {
        email: 'ines@tidepool-analytics.example',
        firstname: 'Ines',
        lastname: 'Carvalho',
        jobtitle: 'VP Data',
        company: 'Tidepool Analytics',
        website: 'tidepool-analytics.example',
        lifecyclestage: 'lead',
        hs_lead_status: 'NEW',
        hubspot_owner_id: '61001',
      },
      associations: [{ to: { id: hubspotSeed.ids.leadCompany }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] }],
    });
    const created = [...fake.state.records.get('0-1')!.values()].find((r) => r.properties.email === 'ines@tidepool-analytics.example');
    expect(created?.properties.hubspot_owner_id).toBe('61001');
    // The packet is consumed: it leaves Waiting handoffs at once.
    await expect(panel.root.getByTestId('handoff')).toHaveCount(0);
    expect(fake.unexpected).toEqual([]);
  } finally {
    await fake.close();
  }
});

test('a lead-routing proposal sets an existing contact’s owner from the owners list, written only after approval', async ({ context, extensionId, gmail, pageErrors }) => {
  const fake = await startFakeHubSpot();
  try {
    // Ines is already a contact, with no owner yet.
    const now = '2024-05-20T09:00:00.000Z';
    fake.state.records.get('0-1')!.set('951', { id: '951', properties: { hs_object_id: '951', email: 'ines@tidepool-analytics.example', firstname: 'Ines', lastname: 'Carvalho', createdate: now, lastmodifieddate: now }, history: {}, createdAt: now, updatedAt: now });
    await serveHubSpot(context, fake);
    await loadSampleSops(context, extensionId);
    const gmailPanel = new GmailPanel(gmail);
    await gmailPanel.openThread(LEAD_THREAD);
    await expect(gmailPanel.root).toContainText('Waiting for HubSpot');

    const hubspot = await context.newPage();
    hubspot.on('pageerror', (error) => pageErrors.push(error.message));
    const panel = new HubSpotPanel(hubspot);
    await hubspot.goto(recordUrl('0-1', '951'));
    await expect(panel.fact('name')).toHaveText('Ines Carvalho');
    const owner = panel.row('hubspot_owner_id');
    await expect(owner).toContainText('Sam Okafor');
    await expect(owner).toContainText('Routing rule of the Lead capture and routing lane (seats at least 10)');
    await expect(owner.locator('q.quote')).toHaveText(TEAM_OF_40);
    await expect(panel.row('hs_lead_status')).toBeVisible();
    await expect(panel.root.getByTestId('contact-proposal')).toHaveCount(0);
    expect(writes(fake)).toEqual([]);

    await panel.button('hubspot_owner_id', 'Accept').click();
    await expect(owner).toHaveAttribute('data-status', 'accepted');
    await panel.writeApproved.click();
    await expect(owner).toHaveAttribute('data-status', 'written');
    const sent = writes(fake);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['PATCH /api/crm/v3/objects/0-1/951']);
    expect(sent[0]!.body).toEqual({ properties: { hubspot_owner_id: '61001' } });
    expect(fake.state.records.get('0-1')!.get('951')!.properties.hubspot_owner_id).toBe('61001');
    expect(fake.unexpected).toEqual([]);
  } finally {
    await fake.close();
  }
});

test('the admin changes a routing rule in the lane editor: a line that is no rule is refused, the saved rule routes the next lead', async ({ context, extensionId, gmail, pageErrors }) => {
  const fake = await startFakeHubSpot();
  try {
    await serveHubSpot(context, fake);
    await loadSampleSops(context, extensionId);
    const options = await context.newPage();
    options.on('pageerror', (error) => pageErrors.push(error.message));
    await options.goto(`chrome-extension://${extensionId}/options.html#lanes`);
    await options.getByRole('navigation', { name: 'Lanes' }).getByRole('button', { name: /Lead capture and routing/ }).click();
    const rules = options.getByLabel('Routing rules');
    await expect(rules).toHaveValue(/^seats >= 50 -> lena\.voss@northwind-sensors\.example \| 50 seats or more/);
    await rules.fill('send the big ones to Lena');
    await options.getByRole('button', { name: 'Save lanes' }).click();
    await expect(rules).toHaveAttribute('aria-invalid', 'true');
    await rules.fill('source ~ partner -> marta.lindqvist@northwind-sensors.example | Partner referrals go to the partner manager, whatever their size.');
    await options.getByRole('button', { name: 'Save lanes' }).click();
    await expect(options.getByTestId('lanes-save-status')).toContainText('Saved as version');

    const gmailPanel = new GmailPanel(gmail);
    await gmailPanel.openThread(LEAD_THREAD);
    await expect(gmailPanel.root.getByTestId('handoff-routing')).toContainText('marta.lindqvist@northwind-sensors.example');
    const hubspot = await context.newPage();
    hubspot.on('pageerror', (error) => pageErrors.push(error.message));
    await hubspot.goto(recordUrl('0-2', hubspotSeed.ids.leadCompany));
    const owner = new HubSpotPanel(hubspot).root.locator('[data-testid=contact-property][data-property="hubspot_owner_id"]');
    await expect(owner.getByTestId('contact-value')).toHaveText('Marta Lindqvist');
    await expect(owner.locator('q.quote')).toHaveText(TEAM_OF_40);
    expect(writes(fake)).toEqual([]);
  } finally {
    await fake.close();
  }
});
