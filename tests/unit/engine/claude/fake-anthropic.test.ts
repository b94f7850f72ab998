import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '@/tests/support/fake-anthropic';

// The fake is only useful if it rejects what the real API rejects: these pin its checks.
let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(() => fake.close());

const headers = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' };
const post = (body: unknown, h: Record<string, string> = headers) =>
  fetch(`${fake.url}/v1/messages`, { method: 'POST', headers: h, body: JSON.stringify(body) });
const base = { model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };
const tool = { name: 't', input_schema: { type: 'object', properties: {} } };
const block = (text: string, cached = false) => ({ type: 'text', text, ...(cached ? { cache_control: { type: 'ephemeral' } } : {}) });

describe('fake Anthropic API', () => {
  it.each([
    ['no max_tokens', { ...base, max_tokens: undefined }, /max_tokens/],
    ['an unknown field', { ...base, temprature: 1 }, /Extra inputs/],
    ['empty messages', { ...base, messages: [] }, /at least one message/],
    ['a tool without input_schema type object', { ...base, tools: [{ name: 't', input_schema: { type: 'string' } }] }, /input_schema.type/],
    ['tool_choice naming a missing tool', { ...base, tools: [tool], tool_choice: { type: 'tool', name: 'other' } }, /not found in tools/],
    ['five cache breakpoints', { ...base, system: [1, 2, 3, 4, 5].map((n) => block(`part ${n}`, true)) }, /maximum of 4/],
    ['a bad cache_control', { ...base, system: [{ type: 'text', text: 'x', cache_control: { type: 'forever' } }] }, /ephemeral/],
    [
      'a tool_result without its tool_use',
      { ...base, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: 'r' }] }] },
      /unexpected tool_use_id/,
    ],
  ])('rejects %s with 400 invalid_request_error and records why', async (_name, body, why) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(fake.requests.at(-1)?.invalid).toMatch(why);
  });

  it('asks for a key and a version', async () => {
    expect((await post(base, { ...headers, 'x-api-key': '' })).status).toBe(401);
    const { 'anthropic-version': _version, ...noVersion } = headers;
    expect((await post(base, noVersion)).status).toBe(400);
  });

  it('streams server-sent events in the API order', async () => {
    const res = await post({ ...base, stream: true, tools: [tool], tool_choice: { type: 'tool', name: 't' } });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events = [...(await res.text()).matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
    expect(events.slice(-4)).toEqual(['content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
  });

  it('writes the cache on the first call with a prefix and reads it on the next', async () => {
    const body = { ...base, model: 'claude-opus-4-5', system: [block('rules '.repeat(200), true)] };
    const first = (await (await post(body)).json()) as { usage: Record<string, number> };
    const second = (await (await post({ ...body, messages: [{ role: 'user', content: 'Other question' }] })).json()) as { usage: Record<string, number> };
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(250);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
  });
});
