import { test, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { hubspotSeed, startFakeHubSpot } from '../support/fake-hubspot';
import { HubSpotPanel, recordUrl, serveHubSpot } from '../support/hubspot-page';
import { loadSampleSops } from '../support/extension-pages';

// One lane hands off to another: the RFQ triaged in Gmail waits, persisted, for a rep on the buyer's HubSpot record.

test('an RFQ triaged in Gmail becomes field proposals on the buyer in HubSpot, written only after approval', async ({ context, extensionId, gmail, pageErrors }) => {
  const fake = await startFakeHubSpot();
  try {
    await serveHubSpot(context, fake);
    await loadSampleSops(context, extensionId);
    const gmailPanel = new GmailPanel(gmail);
    await gmailPanel.openThread('820a37957b2c554b');
    await expect(gmailPanel.root).toContainText('Waiting for HubSpot');

    const hubspot = await context.newPage();
    hubspot.on('pageerror', (error) => pageErrors.push(error.message));
    const panel = new HubSpotPanel(hubspot);
    await hubspot.goto(recordUrl('0-3', hubspotSeed.ids.rfqDeal));
    await expect(panel.fact('name')).toHaveText('Gulfbuild Trading – stainless hinges RFQ');
    await expect(panel.root.getByTestId('handoff')).toContainText('hamid.rostami@gulfbuild-trading.example');
    await expect(panel.rows.first()).toBeVisible();
    // Nothing is written until a rep approves a row.
    expect(fake.requests.filter((r) => r.method === 'PATCH')).toEqual([]);

    // The evidence is the customer's own sentence from the Gmail thread, not the proposed value restated.
    await expect(panel.row('quantity')).toContainText('20,000');
    await expect(panel.row('quantity')).toContainText("Customer's email");
    const property = await panel.rows.first().getAttribute('data-property');
    await panel.button(property!, 'Accept').click();
    await panel.writeApproved.click();
    await expect(panel.row(property!)).toHaveAttribute('data-status', 'written');
    const patches = fake.requests.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(Object.keys((patches[0]!.body as { properties: Record<string, string> }).properties)).toEqual([property]);
    expect(fake.unexpected).toEqual([]);
  } finally {
    await fake.close();
  }
});
