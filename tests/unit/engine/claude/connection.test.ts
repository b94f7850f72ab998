import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '@/lib/engine/claude/connection';
import { startFakeAnthropic, type FakeAnthropic } from '@/tests/support/fake-anthropic';
import { TEST_KEY, settingsFor } from './fixtures';

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic({ apiKey: TEST_KEY });
});
afterAll(() => fake.close());

describe('testConnection', () => {
  it('looks up both configured models without spending tokens', async () => {
    fake.requests.length = 0;
    expect(await testConnection(settingsFor(fake.url))).toEqual({ ok: true, value: { model: 'claude-haiku-4-5, claude-sonnet-4-6' } });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models/claude-haiku-4-5', 'GET /v1/models/claude-sonnet-4-6']);
  });

  it('reports a wrong key', async () => {
    const result = await testConnection(settingsFor(fake.url, { apiKey: 'sk-ant-nope' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'claude.bad_key' } });
    expect(JSON.stringify(result)).not.toContain('sk-ant-nope');
  });

  it('reports a model name the API does not know', async () => {
    const result = await testConnection(settingsFor(fake.url, { draftModel: 'claude-sonet-4-5' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'claude.model_not_found' } });
    expect(!result.ok && result.error.message).toContain('claude-sonet-4-5');
  });

  it('asks for a key before calling', async () => {
    expect(await testConnection(settingsFor(fake.url, { apiKey: '' }))).toMatchObject({ ok: false, error: { code: 'claude.no_key' } });
  });
});
