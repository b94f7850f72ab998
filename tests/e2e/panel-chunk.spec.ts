import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { PANEL_CHUNK_MEASURE } from '@/lib/ui/panel-timing';

// The panel is a chunk the content script imports on demand (components/dock): it must still appear on the first
// thread of a fresh tab, follow Gmail's navigation without loading again, and come back after the worker restarts.
// The triage waits are generous: after a worker stop the background starts again and reloads its index first.

/** How many times this tab loaded the panel chunk (the loader leaves one measure per load). */
const chunkLoads = (page: Page) => page.evaluate((name) => performance.getEntriesByName(name).length, PANEL_CHUNK_MEASURE);

async function stopServiceWorker(context: BrowserContext, extensionId: string, page: Page) {
  const cdp = await context.newCDPSession(page);
  const versions: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { versionId: string; scriptURL: string; runningStatus: string }[] }) => {
    for (const v of e.versions) if (v.scriptURL.includes(extensionId) && v.runningStatus === 'running' && !versions.includes(v.versionId)) versions.push(v.versionId);
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => versions.length).toBeGreaterThan(0);
  await cdp.send('ServiceWorker.stopWorker', { versionId: versions[0]! });
  await cdp.detach();
}

test('a fresh tab opened on a thread loads the panel chunk and shows the facts and the triage', async ({ gmail }) => {
  const panel = new GmailPanel(gmail);
  await panel.openThread('e7cc78b40b7bf13c');
  await expect(panel.fact('subject')).toHaveText('Refund for annual plan renewal');
  await expect(panel.root.getByTestId('cls-category')).not.toBeEmpty({ timeout: 20_000 });
  expect(await chunkLoads(gmail)).toBe(1);
});

test('navigating between threads and the inbox keeps the one loaded chunk', async ({ gmail }) => {
  const panel = new GmailPanel(gmail);
  await panel.openInbox();
  await expect(panel.listState).toBeVisible();
  await gmail.locator('tr.zA', { hasText: 'Refund for annual plan renewal' }).click();
  await expect(panel.fact('subject')).toHaveText('Refund for annual plan renewal');
  await gmail.getByRole('button', { name: 'Back to Inbox' }).dispatchEvent('click');
  await expect(panel.listState).toBeVisible();
  await gmail.locator('tr.zA', { hasText: 'Order #55120 arrived damaged' }).click();
  await expect(panel.fact('subject')).toHaveText('Order #55120 arrived damaged');
  expect(await chunkLoads(gmail)).toBe(1);
});

test('after the service worker stops, an open tab and a fresh tab both show the panel and the triage', async ({ context, extensionId, gmail }) => {
  const panel = new GmailPanel(gmail);
  await panel.openThread('e7cc78b40b7bf13c');
  await expect(panel.root.getByTestId('cls-category')).not.toBeEmpty({ timeout: 20_000 });
  await stopServiceWorker(context, extensionId, gmail);

  await gmail.getByRole('button', { name: 'Back to Inbox' }).dispatchEvent('click');
  await gmail.locator('tr.zA', { hasText: 'Order #55120 arrived damaged' }).click();
  await expect(panel.fact('subject')).toHaveText('Order #55120 arrived damaged');
  await expect(panel.root.getByTestId('cls-category')).not.toBeEmpty({ timeout: 20_000 });

  const fresh = await context.newPage();
  const freshPanel = new GmailPanel(fresh);
  await freshPanel.openThread('551f7399bcf9684d');
  await expect(freshPanel.fact('thread-id')).toHaveText('551f7399bcf9684d');
  await expect(freshPanel.root.getByTestId('cls-category')).not.toBeEmpty({ timeout: 20_000 });
  expect(await chunkLoads(fresh)).toBe(1);
});
