import { describe, expect, it } from 'vitest';
import { priceFor, usageRecord } from '@/lib/engine/claude/usage';

describe('usage records', () => {
  it('prices input, cache writes, cache reads and output by model family', () => {
    const u = usageRecord('classify', 'claude-haiku-4-5', {
      input_tokens: 1_000_000,
      output_tokens: 1_000_000,
      cache_creation_input_tokens: 1_000_000,
      cache_read_input_tokens: 1_000_000,
    });
    // Haiku 4.5: $1 in, $5 out, writes 1.25x, reads 0.1x.
    expect(u).toEqual({ call: 'classify', model: 'claude-haiku-4-5', input: 1_000_000, cacheRead: 1_000_000, cacheWrite: 1_000_000, output: 1_000_000, costUsd: 1 + 1.25 + 0.1 + 5 });
  });

  it('tells families apart and admits when it does not know a price', () => {
    expect(priceFor('claude-sonnet-4-5-20250929')).toEqual({ input: 3, output: 15 });
    expect(priceFor('claude-opus-4-5')).toEqual({ input: 5, output: 25 });
    expect(priceFor('claude-opus-4-1')).toEqual({ input: 15, output: 75 });
    expect(priceFor('claude-3-5-haiku-latest')).toEqual({ input: 0.8, output: 4 });
    expect(priceFor('claude-opus-4')).toEqual({ input: 15, output: 75 });
    expect(usageRecord('draft', 'claude-sonnet-5-5', { input_tokens: 10, output_tokens: 10 }).costUsd).toBeNull();
  });

  it('treats absent cache fields as zero', () => {
    expect(usageRecord('draft', 'claude-sonnet-4-5', { input_tokens: 10, output_tokens: 2, cache_read_input_tokens: null })).toMatchObject({ cacheRead: 0, cacheWrite: 0 });
  });
});
