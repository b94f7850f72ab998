import type { Page } from '@playwright/test';
import { test as base, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic';
import { makeTestCertificate } from '../support/test-certificate';
import { chooseClaude } from './pages/claude-options';

/**
 * Claude's stream inside the built extension, over a real TLS connection: Chromium resolves api.anthropic.com to a
 * local HTTPS stand-in whose certificate it trusts by its key alone, so the background's SDK streams exactly as it
 * would from Anthropic (no request interception, which would buffer the answer).
 */
const KEY = 'sk-ant-e2e-STREAM-51c0de';
const REFUND = 'e7cc78b40b7bf13c';
const RFQ = '820a37957b2c554b';

const test = base.extend<{ tlsFake: FakeAnthropic }>({
  tlsFake: async ({}, use, testInfo) => {
    const cert = makeTestCertificate('api.anthropic.com');
    const fake = await startFakeAnthropic({ apiKey: KEY, tls: cert, frameDelayMs: 40 });
    (testInfo as unknown as { spki: string }).spki = cert.spkiSha256;
    await use(fake);
    await fake.close();
  },
  chromiumArgs: async ({ tlsFake }, use, testInfo) => {
    const port = new URL(tlsFake.url).port;
    const spki = (testInfo as unknown as { spki: string }).spki;
    await use([`--host-resolver-rules=MAP api.anthropic.com 127.0.0.1:${port}`, `--ignore-certificate-errors-spki-list=${spki}`]);
  },
});


/** A draft long enough that its stream takes a few seconds at the stand-in's pace. */
const sentences = [
  { text: 'Hi Marcus,', citations: [], kind: 'greeting' },
  ...Array.from({ length: 6 }, (_, i) => ({ text: `Annual plans renewed in the last 14 days can be refunded in full, point ${i + 1} of our refund policy.`, citations: [1], kind: 'claim' })),
  { text: 'Best regards,', citations: [], kind: 'closing' },
];

const liveText = (page: Page) => new GmailPanel(page).root.getByTestId('draft-streaming').innerText().catch(() => '');

test('the background streams a draft over HTTPS from api.anthropic.com and the panel shows it growing before the end', async ({ context, extensionId, gmail, tlsFake }) => {
  await (await chooseClaude(context, extensionId, KEY)).close();
  tlsFake.script([{ kind: 'default' }, { kind: 'tool', input: { sentences, abstained: false, escalateTo: null } }]);
  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND);
  const streaming = panel.root.getByTestId('draft-streaming');
  await expect(streaming).toContainText('Hi Marcus', { timeout: 20_000 });
  const early = (await liveText(gmail)).length;
  // Still streaming, and longer than when it began: the text arrives in pieces, not at the end.
  await expect.poll(async () => (await liveText(gmail)).length, { timeout: 10_000 }).toBeGreaterThan(early);
  await expect(panel.root.getByTestId('draft-ready')).toBeVisible({ timeout: 20_000 });
  await expect(panel.root.getByTestId('review-text')).toHaveValue(/point 6 of our refund policy/);
  const draftCall = tlsFake.requests.find((r) => JSON.stringify(r.body).includes('write_draft'));
  expect(draftCall?.body).toMatchObject({ stream: true });
  expect(draftCall?.status).toBe(200);
});

test('a stream cut mid-way ends in a clear failed state: the error and its next step, and Regenerate', async ({ context, extensionId, gmail, tlsFake }) => {
  await (await chooseClaude(context, extensionId, KEY)).close();
  tlsFake.script([{ kind: 'default' }, { kind: 'truncate' }]);
  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND);
  const failed = panel.root.getByTestId('draft-failed');
  await expect(failed).toBeVisible({ timeout: 30_000 });
  await expect(failed.getByRole('alert')).toBeVisible();
  await expect(failed.getByRole('button', { name: 'Regenerate' })).toBeVisible();
});

test('moving to another thread mid-stream leaves the draft to finish and be kept; coming back shows it', async ({ context, extensionId, gmail, tlsFake }) => {
  await (await chooseClaude(context, extensionId, KEY)).close();
  tlsFake.script([{ kind: 'default' }, { kind: 'tool', input: { sentences, abstained: false, escalateTo: null } }]);
  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND);
  await expect(panel.root.getByTestId('draft-streaming')).toContainText('Hi Marcus', { timeout: 20_000 });
  await panel.openThread(RFQ);
  await expect(panel.fact('subject')).toContainText('RFQ', { timeout: 15_000 });
  await expect(panel.root.getByTestId('draft-streaming')).not.toContainText('Hi Marcus');
  await panel.openThread(REFUND);
  await expect(panel.root.getByTestId('draft-ready')).toBeVisible({ timeout: 30_000 });
  await expect(panel.root.getByTestId('review-text')).toHaveValue(/point 6 of our refund policy/);
});
