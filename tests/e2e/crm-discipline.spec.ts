import { test, expect } from './hubspot-fixtures';
import { hubspotSeed } from '../support/fake-hubspot';
import { HubSpotPanel, recordUrl } from '../support/hubspot-page';

// What a pipeline admin fixes, shown on the record with its evidence; nothing is written by showing it.

test('an open deal with no next step and a past close date shows both gaps with their evidence; the close date is a decision for a person', async ({ fake, hubspot }) => {
  const panel = new HubSpotPanel(hubspot);
  await hubspot.goto(recordUrl('0-3', hubspotSeed.ids.deal));
  await expect(panel.fact('name')).toHaveText('Kestrel Foods – cold-chain sensors', { timeout: 20_000 });
  const findings = panel.root.getByTestId('finding');
  await expect(findings).toHaveCount(2);
  const nextStep = panel.root.locator('[data-testid=finding][data-rule=missing_next_step]');
  await expect(nextStep).toContainText('This open deal has no next step.');
  await expect(nextStep).toContainText('Next step: (empty); deal stage: Qualified To Buy');
  await expect(nextStep).not.toContainText('decision: human');
  const closeDate = panel.root.locator('[data-testid=finding][data-rule=close_date_past]');
  await expect(closeDate).toContainText('The close date 2024-05-31 is in the past, and the deal is still open.');
  await expect(closeDate).toContainText('decision: human');
  await expect(closeDate.getByTestId('finding-fix')).toContainText("Nothing in the record's activity gives a value");
  expect(fake.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
});

test('on the deal whose pilot was agreed in a logged meeting, the missing next step is fixed by the proposal read from that meeting', async ({ hubspot }) => {
  const panel = new HubSpotPanel(hubspot);
  await hubspot.goto(recordUrl('0-3', hubspotSeed.ids.pilotDeal));
  await expect(panel.fact('name')).toHaveText('Kestrel Foods – two-site pilot', { timeout: 20_000 });
  const nextStep = panel.root.locator('[data-testid=finding][data-rule=missing_next_step]');
  await expect(nextStep.getByTestId('finding-fix')).toHaveText('Proposed below: Next step.');
  await expect(panel.row('hs_next_step').getByTestId('proposal-value')).toHaveText('Start the pilot on June 3 (2026-06-03)');
});
