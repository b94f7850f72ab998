import { test, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';

const REFUND = 'e7cc78b40b7bf13c';

test.use({ keepSetupTab: true });

test('installing opens the setup; with an empty library the panel says so and links to the setup', async ({ context, gmail }) => {
  const setup = context.pages().find((p) => p.url().endsWith('/options.html#setup')) ?? (await context.waitForEvent('page', { predicate: (p) => p.url().endsWith('/options.html#setup') }));
  await expect(setup.getByTestId('first-run-setup')).toBeVisible();
  await expect(setup.getByRole('tab', { name: 'Setup' })).toHaveAttribute('aria-selected', 'true');

  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND);
  const empty = panel.root.getByTestId('sop-library-empty');
  await expect(empty).toContainText('Your SOP library is empty', { timeout: 15_000 });
  const opened = context.waitForEvent('page', { predicate: (p) => p.url().endsWith('/options.html#setup') });
  await empty.getByRole('button', { name: 'Set up the SOP library' }).click();
  await expect((await opened).getByTestId('first-run-setup')).toBeVisible();
});

test('finishing the setup with the sample SOPs makes the demo thread show a draft; the popup shows engine and library and opens options tabs', async ({ context, extensionId, gmail }) => {
  const setup = context.pages().find((p) => p.url().endsWith('/options.html#setup')) ?? (await context.waitForEvent('page', { predicate: (p) => p.url().endsWith('/options.html#setup') }));
  await expect(setup.getByTestId('first-run-setup')).toBeVisible();
  // Step 1, mail domains: saved, then on.
  await setup.getByLabel('Domains, separated by commas').fill('northwind-supply.example');
  await setup.getByRole('button', { name: 'Save domains' }).click();
  await expect(setup.getByText('Saved.')).toBeVisible();
  await setup.getByRole('button', { name: 'Next' }).click();
  // Step 2, the sample SOPs.
  await setup.getByRole('button', { name: 'Load the sample SOPs' }).click();
  await expect(setup.getByText(/Sample SOPs: 8 imported/)).toBeVisible({ timeout: 15_000 });
  await setup.getByRole('button', { name: 'Next' }).click();
  // Step 3, the engine: local stays the default.
  await expect(setup.getByLabel(/Local/)).toBeChecked();
  await setup.getByRole('button', { name: 'Finish' }).click();
  await expect(setup.getByTestId('setup-done')).toBeVisible();

  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND);
  await expect(panel.root.getByTestId('draft-ready')).toBeVisible({ timeout: 15_000 });
  await expect(await panel.passages()).toBeVisible();

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('popup-engine')).toContainText('Local');
  await expect(popup.getByTestId('popup-library')).toContainText('8 SOPs');
  await expect(popup.getByTestId('popup-pending')).toContainText('1 draft');
  // Keyboard: the options links are reachable with Tab and open their tab.
  const sops = popup.getByRole('button', { name: 'SOP library' });
  await sops.focus();
  await expect(sops).toBeFocused();
  const opened = context.waitForEvent('page');
  const closed = popup.waitForEvent('close');
  // The popup closes itself once the options tab opens, so the key press may end with its page gone.
  await popup.keyboard.press('Enter').catch((error: Error) => expect(error.message).toContain('closed'));
  const options = await opened;
  await closed;
  await options.waitForURL(/\/options\.html#sops$/);
  await expect(options.getByRole('tab', { name: 'SOP library' })).toHaveAttribute('aria-selected', 'true');
});
