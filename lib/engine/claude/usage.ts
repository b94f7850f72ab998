/** Token use and estimated cost of one Messages API call. */
export interface UsageRecord {
  call: 'classify' | 'classify-repair' | 'draft' | 'propose';
  model: string;
  /** Input tokens billed at the full rate (neither read from nor written to the cache). */
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  /** Estimate from PRICES; null when the model family is not in the table. */
  costUsd: number | null;
}

/** The usage fields of a Message as the API returns them (the cache fields may be absent or null). */
export interface ApiUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

interface Price {
  /** USD per million tokens. */
  input: number;
  output: number;
}

/**
 * List prices per model family, USD per million tokens, as published when this was written.
 * They are estimates for the dashboard, not billing: prices change, and a later version should
 * let the admin edit them. First match wins; families not listed (newer ones included) cost null.
 */
const PRICES: ReadonlyArray<{ family: RegExp; price: Price }> = [
  { family: /haiku-4/, price: { input: 1, output: 5 } },
  { family: /3-5-haiku/, price: { input: 0.8, output: 4 } },
  { family: /3-haiku/, price: { input: 0.25, output: 1.25 } },
  { family: /sonnet-4|3-7-sonnet|3-5-sonnet/, price: { input: 3, output: 15 } },
  { family: /opus-4-[5-9]/, price: { input: 5, output: 25 } },
  { family: /opus-4(-[01])?($|-\d{8})|3-opus/, price: { input: 15, output: 75 } },
];
/** Cache writes (5-minute TTL) cost 1.25x the input rate, cache reads 0.1x. */
const CACHE_WRITE_FACTOR = 1.25;
const CACHE_READ_FACTOR = 0.1;

export function priceFor(model: string): Price | null {
  return PRICES.find((p) => p.family.test(model))?.price ?? null;
}

export function usageRecord(call: UsageRecord['call'], model: string, usage: ApiUsage): UsageRecord {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  const price = priceFor(model);
  const costUsd =
    price === null
      ? null
      : (usage.input_tokens * price.input +
          cacheWrite * price.input * CACHE_WRITE_FACTOR +
          cacheRead * price.input * CACHE_READ_FACTOR +
          usage.output_tokens * price.output) /
        1_000_000;
  return { call, model, input: usage.input_tokens, cacheRead, cacheWrite, output: usage.output_tokens, costUsd };
}
