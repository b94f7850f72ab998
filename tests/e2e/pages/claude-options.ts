import { expect, type BrowserContext, type Page } from '@playwright/test';
import { loadSampleSops } from '../../support/extension-pages';

/** Loads the sample SOPs, saves a Claude key in options and chooses the Claude engine; returns the options page. */
export async function chooseClaude(context: BrowserContext, extensionId: string, key: string): Promise<Page> {
  await loadSampleSops(context, extensionId);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('API key').fill(key);
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByTestId('claude-status')).toHaveText('Saved.');
  await options.getByRole('radio', { name: /Claude/ }).check();
  // The choice is saved by the background (not in storage.local): wait for it before opening a thread.
  await expect(options.getByText('Saved. Open tabs follow the change at once.')).toBeVisible();
  return options;
}
