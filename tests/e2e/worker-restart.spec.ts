import { test, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { startFakeAnthropic } from '../support/fake-anthropic';
import { routeAnthropicToFake } from '../support/anthropic-route';
import { loadSampleSops } from '../support/extension-pages';

// The service worker is stopped while a draft is being written (Claude's answer still on its way):
// nothing is lost, the panel reconnects and offers Continue and Regenerate.

test('a service-worker restart mid-draft leaves the draft interrupted, and Continue completes it', async ({ context, extensionId, gmail }) => {
  const fake = await startFakeAnthropic({ firstByteDelayMs: 1500 });
  try {
    await routeAnthropicToFake(context, fake);
    await loadSampleSops(context, extensionId);
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByLabel('API key').fill('sk-ant-restart-test');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(options.getByTestId('claude-status')).toHaveText('Saved.');
    await options.getByRole('radio', { name: /Claude/ }).check();

    const panel = new GmailPanel(gmail);
    await panel.openThread('e7cc78b40b7bf13c');
    await expect(panel.root.getByTestId('draft-streaming')).toBeVisible({ timeout: 15_000 });

    // Chrome stops idle extension workers on its own; here it happens mid-draft, on purpose.
    const cdp = await context.newCDPSession(options);
    const versions: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { versionId: string; scriptURL: string }[] }) => {
      for (const v of e.versions) if (v.scriptURL.includes(extensionId) && !versions.includes(v.versionId)) versions.push(v.versionId);
    });
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => versions.length).toBeGreaterThan(0);
    await cdp.send('ServiceWorker.stopWorker', { versionId: versions[0]! });

    const interrupted = panel.root.getByTestId('draft-interrupted');
    await expect(interrupted).toBeVisible({ timeout: 20_000 });
    await expect(interrupted.getByRole('button', { name: 'Regenerate' })).toBeVisible();
    await interrupted.getByRole('button', { name: 'Continue' }).click();
    await expect(panel.root.getByTestId('draft-ready')).toBeVisible({ timeout: 20_000 });

    // The interrupted draft was finished, not written twice: one draft.generated in the audit log.
    const answer = (await options.evaluate(() => chrome.runtime.sendMessage({ type: 'audit.recent', payload: { limit: 50 } }))) as { ok: true; value: { kind: string; data: Record<string, unknown> }[] };
    expect(answer.value.filter((a) => a.kind === 'draft.generated')).toHaveLength(1);
  } finally {
    await fake.close();
  }
});
