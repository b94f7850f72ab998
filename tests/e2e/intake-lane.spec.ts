import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './hubspot-fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { loadSampleSops } from '../support/extension-pages';
import { hubspotSeed } from '../support/fake-hubspot';
import { serveGmailWorkspace } from '../support/gmail-workspace';
import { HubSpotPanel, recordUrl } from '../support/hubspot-page';

// A new customer's onboarding email in Gmail: the start date, next step and the onboarding terms (contact person, seats,
// SSO and security questionnaire) wait for the signed deal in HubSpot, written only after approval; SSO and the
// questionnaire raise the security flag the rep must acknowledge.

const REFUND = 'e7cc78b40b7bf13c';
const INTAKE = 'feedbeefcafe0701';
const patches = (fake: { requests: { method: string }[] }) => fake.requests.filter((r) => r.method === 'PATCH');

function intakeThread(): string {
  const original = readFileSync(path.resolve(import.meta.dirname, '../fixtures/gmail/thread-2024-layout-refund.html'), 'utf8');
  const body = /Sure, the workspace[\s\S]*?Thanks for your help\./;
  expect(original).toMatch(body);
  return original
    .replace(body, 'Hello, we signed last week and would like to start onboarding on June 3. Our project lead is Jonas Weber. We will need 40 seats at first. We need SSO with Okta and our security questionnaire filled in before go-live.')
    .replaceAll('Refund for annual plan renewal', 'Onboarding Kestrel Analytics')
    .replaceAll('marcus@brightlane-studio.example', 'lena.brandt@kestrel-analytics.example')
    .replaceAll('Marcus Oyelaran', 'Lena Brandt')
    .replaceAll(REFUND, INTAKE);
}

test('an intake thread hands its onboarding fields to the signed deal, written only after approval; SSO raises the security flag', async ({ context, extensionId, fake, gmail, hubspot }) => {
  await loadSampleSops(context, extensionId);
  await serveGmailWorkspace(context, { extraThreads: { [INTAKE]: intakeThread() } });
  const gmailPanel = new GmailPanel(gmail);
  await gmailPanel.openThread(INTAKE);
  await expect(gmailPanel.root.getByTestId('cls-category')).toContainText('Onboarding', { timeout: 20_000 });
  await expect(gmailPanel.root.getByTestId('risk-flags')).toContainText('Security');
  await expect(gmailPanel.root.getByTestId('review-checks').locator('input[data-flag=security]')).not.toBeChecked({ timeout: 20_000 });
  await expect(gmailPanel.root.getByTestId('handoff-summary')).toContainText('Waiting for HubSpot', { timeout: 20_000 });

  const panel = new HubSpotPanel(hubspot);
  await hubspot.goto(recordUrl('0-3', hubspotSeed.ids.intakeDeal));
  await expect(panel.fact('name')).toHaveText('Kestrel Analytics – platform rollout', { timeout: 20_000 });
  await expect(panel.root.getByTestId('handoff')).toContainText('lena.brandt@kestrel-analytics.example');

  const start = panel.row('onboarding_start_date');
  await expect(start.getByTestId('proposal-value')).toHaveText('2024-06-03');
  await expect(start).toContainText('decision: human');
  await expect(start).toContainText('would like to start onboarding on June 3');
  const description = panel.row('description');
  await expect(description.getByTestId('proposal-value')).toHaveText('Onboarding: Contact person: Jonas Weber; Seats: 40; Requirements: SSO (Okta), security questionnaire.');
  await expect(description).toContainText('decision: human');
  await expect(description).toContainText('We need SSO with Okta and our security questionnaire filled in before go-live.');
  await expect(panel.row('hs_next_step').getByTestId('proposal-value')).toContainText('start onboarding on June 3');
  expect(patches(fake)).toHaveLength(0);

  await panel.button('onboarding_start_date', 'Accept').click();
  await panel.button('description', 'Accept').click();
  await expect(panel.writeApproved).toHaveText('Write approved (2)');
  await panel.writeApproved.click();
  await expect(start).toHaveAttribute('data-status', 'written');
  await expect(description).toHaveAttribute('data-status', 'written');
  expect(patches(fake)).toHaveLength(1);
  expect(patches(fake)[0]).toMatchObject({ path: `/api/crm/v3/objects/0-3/${hubspotSeed.ids.intakeDeal}` });
  const written = (patches(fake)[0] as unknown as { body: { properties: Record<string, string> } }).body.properties;
  expect(Object.keys(written).sort()).toEqual(['description', 'onboarding_start_date']);
  expect(written.onboarding_start_date).toBe('2024-06-03');
  await expect(panel.row('hs_next_step')).toHaveAttribute('data-status', 'pending');
});
