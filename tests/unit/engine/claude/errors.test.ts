import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClaudeEngine } from '@/lib/engine/claude/claude-engine';
import { retryAfterMs } from '@/lib/engine/claude/errors';
import { type ErrorStatus, type FakeAnthropic, startFakeAnthropic } from '@/tests/support/fake-anthropic';
import { TEST_KEY, lanes, refundThreadInput, settingsFor } from './fixtures';

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(() => fake.close());

const classifyWith = (baseUrl: string, opts: { model?: string; timeoutMs?: number } = {}) =>
  createClaudeEngine(settingsFor(baseUrl, opts.model ? { classifyModel: opts.model } : {}), { maxRetries: 0, timeoutMs: opts.timeoutMs ?? 5_000 }).classify(
    refundThreadInput(),
    lanes,
  );

/** A port that refuses connections: one that was just free. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('Claude error mapping', () => {
  it.each<[ErrorStatus, string]>([
    [401, 'claude.bad_key'],
    [403, 'claude.forbidden'],
    [404, 'claude.model_not_found'],
    [429, 'claude.busy'],
    [500, 'claude.server_error'],
    [529, 'claude.busy'],
    [400, 'claude.bad_request'],
  ])('maps HTTP %i to %s with a next step, never echoing the key', async (status, code) => {
    fake.script([{ kind: 'error', status, retryAfterMs: 1, message: `problem with key ${TEST_KEY}` }]);
    const result = await classifyWith(fake.url);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(!result.ok && result.error.nextStep.length).toBeGreaterThan(10);
    expect(JSON.stringify(result)).not.toContain(TEST_KEY);
  });

  it('says which model was not found and where to fix it', async () => {
    const result = await classifyWith(fake.url, { model: 'claude-nonexistent-9' });
    expect(result).toMatchObject({ ok: false, error: { code: 'claude.model_not_found', nextStep: 'Check the model name in Options → Engine.' } });
    expect(!result.ok && result.error.message).toContain('claude-nonexistent-9');
  });

  it('maps an unreachable API to claude.offline', async () => {
    expect(await classifyWith(await closedPortUrl())).toMatchObject({ ok: false, error: { code: 'claude.offline' } });
  });

  it('maps a slow API to claude.timeout', async () => {
    const slow = await startFakeAnthropic({ firstByteDelayMs: 300 });
    try {
      expect(await classifyWith(slow.url, { timeoutMs: 50 })).toMatchObject({ ok: false, error: { code: 'claude.timeout' } });
    } finally {
      await slow.close();
    }
  });

  it('maps a cancelled request to claude.cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const engine = createClaudeEngine(settingsFor(fake.url), { maxRetries: 0 });
    expect(await engine.classify(refundThreadInput(), lanes, controller.signal)).toMatchObject({ ok: false, error: { code: 'claude.cancelled' } });
  });

  it('reads retry-after in milliseconds, seconds or as a date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }))).toBe(3000);
    const soon = new Date(Date.now() + 60_000).toUTCString();
    expect(retryAfterMs(new Headers({ 'retry-after': soon }))).toBeGreaterThan(50_000);
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });
});
