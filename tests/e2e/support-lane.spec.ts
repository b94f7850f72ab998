import { test, expect } from './hubspot-fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { hubspotSeed } from '../support/fake-hubspot';
import { HubSpotPanel, recordUrl } from '../support/hubspot-page';

// A support thread triaged in Gmail proposes the priority and category of the customer's open ticket in HubSpot,
// written only after approval; his closed ticket and his contact record get nothing.

const REFUND_THREAD = 'e7cc78b40b7bf13c';
const patches = (fake: { requests: { method: string }[] }) => fake.requests.filter((r) => r.method === 'PATCH');

test('a Gmail support thread proposes the priority of the contact\'s open ticket, written after approval with exactly one PATCH', async ({ fake, gmail, hubspot }) => {
  const gmailPanel = new GmailPanel(gmail);
  await gmailPanel.openThread(REFUND_THREAD);
  await expect(gmailPanel.root.getByTestId('handoff-summary')).toContainText('Waiting for HubSpot: 2 fields for marcus@brightlane-studio.example', { timeout: 20_000 });
  // HubSpot's option values read as words in Gmail, where the portal's labels are not at hand.
  await expect(gmailPanel.root.getByTestId('handoff-packet')).toContainText('Billing issue');
  await expect(gmailPanel.root.getByTestId('handoff-packet')).not.toContainText('BILLING_ISSUE');

  const panel = new HubSpotPanel(hubspot);
  // On the contact, the packet names the open ticket and proposes nothing.
  await hubspot.goto(recordUrl('0-1', hubspotSeed.ids.supportContact));
  await expect(panel.fact('name')).toHaveText('Marcus Oyelaran', { timeout: 20_000 });
  await expect(panel.root.getByTestId('handoff-note')).toHaveText(`Its updates go on this contact's open ticket "Refund for annual plan renewal" (ticket ${hubspotSeed.ids.supportTicket}): open the ticket to review them.`);
  await expect(panel.rows).toHaveCount(0);

  // The closed ticket gets nothing either.
  await hubspot.goto(recordUrl('0-5', hubspotSeed.ids.closedTicket));
  await expect(panel.fact('name')).toHaveText('Invoice address change');
  await expect(panel.root.getByTestId('handoff-note')).toContainText('This ticket is closed');
  await expect(panel.rows).toHaveCount(0);

  await hubspot.goto(recordUrl('0-5', hubspotSeed.ids.supportTicket));
  await expect(panel.fact('name')).toHaveText('Refund for annual plan renewal');
  const priority = panel.row('hs_ticket_priority');
  await expect(priority.getByTestId('proposal-value')).toHaveText('Medium');
  await expect(priority).toContainText("Customer's email in Gmail, via the SOP-grounded support replies handoff");
  await expect(panel.row('hs_ticket_category').getByTestId('proposal-value')).toHaveText('Billing issue');
  expect(patches(fake)).toHaveLength(0);

  await panel.button('hs_ticket_priority', 'Accept').click();
  await expect(panel.writeApproved).toHaveText('Write approved (1)');
  await panel.writeApproved.click();
  await expect(priority).toHaveAttribute('data-status', 'written');
  expect(patches(fake)).toHaveLength(1);
  expect(patches(fake)[0]).toMatchObject({ path: `/api/crm/v3/objects/0-5/${hubspotSeed.ids.supportTicket}`, body: { properties: { hs_ticket_priority: 'MEDIUM' } } });
  expect(fake.state.records.get('0-5')?.get(hubspotSeed.ids.supportTicket)?.properties.hs_ticket_priority).toBe('MEDIUM');
  await expect(panel.row('hs_ticket_category')).toHaveAttribute('data-status', 'pending');
});
