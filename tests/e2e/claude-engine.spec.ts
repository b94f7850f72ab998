import type { BrowserContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { chooseClaude as chooseClaudeIn } from './pages/claude-options';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic';
import { routeAnthropicToFake } from '../support/anthropic-route';

const KEY = 'sk-ant-e2e-SECRET-9f3a1c';
const REFUND_THREAD = 'e7cc78b40b7bf13c';

let fake: FakeAnthropic;
test.beforeEach(async () => {
  fake = await startFakeAnthropic({ apiKey: KEY });
});
test.afterEach(async () => {
  expect(fake.requests.filter((r) => r.invalid), 'requests the fake API found malformed').toEqual([]);
  await fake.close();
});

async function chooseClaude(context: BrowserContext, extensionId: string, key = KEY) {
  await routeAnthropicToFake(context, fake);
  return chooseClaudeIn(context, extensionId, key);
}

test('Claude classifies and drafts through the real SDK from the service worker; the key stays in the background', async ({ context, extensionId, gmail }) => {
  const options = await chooseClaude(context, extensionId);
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByTestId('claude-status')).toContainText('Connected');
  await expect(options.getByLabel('API key')).toHaveValue('');
  await expect(options.getByLabel('API key')).toHaveAttribute('placeholder', /…3a1c/);

  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND_THREAD);
  await expect(panel.root.getByTestId('cls-engine')).toContainText('Claude');
  await expect(panel.root.getByTestId('draft-ready')).toBeVisible();
  await expect(panel.root.getByTestId('usage-line')).toContainText(/Claude: \d+ calls · ≈ \$/);

  const messageCalls = fake.requests.filter((r) => r.path === '/v1/messages');
  const classify = messageCalls.find((r) => JSON.stringify(r.body).includes('record_classification'));
  expect(classify?.body).toMatchObject({ tool_choice: { type: 'tool', name: 'record_classification' } });
  const draft = messageCalls.find((r) => JSON.stringify(r.body).includes('write_draft'));
  expect(draft?.body).toMatchObject({ stream: true });
  // The lane's sample SOPs fit the token budget: they go whole, in the cached system prompt, reply templates included.
  const system = JSON.stringify((draft?.body as { system: unknown }).system);
  expect(system).toContain('every SOP of this lane');
  expect(system).toContain('Reply template: full refund within the 14-day window');
  expect(system).toContain('cache_control');
  expect(JSON.stringify(classify?.body)).toContain('<untrusted_email>');

  // The key may be in the API request only; nothing a content script can read holds it.
  const sw = context.serviceWorkers()[0]!;
  const local = await sw.evaluate('chrome.storage.local.get(null).then((all) => JSON.stringify(all))');
  expect(String(local)).not.toContain(KEY);
  expect(await gmail.content()).not.toContain(KEY);
  expect(await panel.root.innerText()).not.toContain(KEY);
});

test('a 529 is retried by the SDK and then succeeds', async ({ context, extensionId, gmail }) => {
  await chooseClaude(context, extensionId);
  fake.script([{ kind: 'error', status: 529, retryAfterMs: 1 }]);
  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND_THREAD);
  await expect(panel.root.getByTestId('cls-engine')).toContainText('Claude');
  expect(fake.requests.filter((r) => r.path === '/v1/messages').map((r) => r.status).slice(0, 2)).toEqual([529, 200]);
});

test('Claude still busy after the SDK\'s retries: "busy" with the wait and a retry, the local result meanwhile', async ({ context, extensionId, gmail }) => {
  await chooseClaude(context, extensionId);
  fake.script([1, 2, 3].map(() => ({ kind: 'error' as const, status: 429 as const, retryAfterMs: 1 })));
  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND_THREAD);
  await expect(panel.root.getByTestId('engine-error')).toContainText('rate-limiting');
  await expect(panel.root.getByTestId('cls-engine')).toContainText('Local engine');
  await panel.root.getByRole('button', { name: 'Retry with Claude' }).click();
  await expect(panel.root.getByTestId('cls-engine')).toContainText('Claude');
  await expect(panel.root.getByTestId('engine-error')).toHaveCount(0);
});

test('a malformed tool output is repaired by one more turn', async ({ context, extensionId, gmail }) => {
  await chooseClaude(context, extensionId);
  fake.script([{ kind: 'tool', input: { lane: 'not-a-lane' } }]);
  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND_THREAD);
  await expect(panel.root.getByTestId('cls-engine')).toContainText('Claude');
  const repair = fake.requests.find((r) => JSON.stringify(r.body).includes('"is_error":true'));
  expect(repair).toBeDefined();
});

test('a rejected key shows "check your key" and the local result stays', async ({ context, extensionId, gmail }) => {
  await chooseClaude(context, extensionId, 'sk-ant-wrong-key');
  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND_THREAD);
  await expect(panel.root.getByRole('alert')).toContainText('Check your key');
  await expect(panel.root.getByTestId('cls-engine')).toContainText('Local engine');
  await expect(panel.root.getByTestId('cls-category')).toContainText('refund');
});
