import Anthropic, { type ClientOptions } from '@anthropic-ai/sdk';
import type { ClaudeSettings } from '@/lib/schemas/settings';
import type { AppError } from '@/lib/schemas/errors';

export interface ClientDeps {
  /** A fetch to use instead of the global one (tests, the service worker's own). */
  fetch?: ClientOptions['fetch'];
  /** Retries the SDK makes on 408/409/429/5xx/529 and connection errors, with backoff and retry-after. */
  maxRetries?: number;
  timeoutMs?: number;
}

const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_TIMEOUT_MS = 60_000;

/** Checks the settings before any request: an empty key would make the SDK look for one elsewhere. */
export function settingsProblem(settings: ClaudeSettings): AppError | null {
  if (settings.apiKey.trim() !== '') return null;
  return { code: 'claude.no_key', message: 'No Claude API key is set.', nextStep: 'Add your key in Options → Engine, or use the local engine.' };
}

/** One SDK client per engine. It runs in the background only, where the key lives. */
export function createAnthropicClient(settings: ClaudeSettings, deps: ClientDeps = {}): Anthropic {
  return new Anthropic({
    apiKey: settings.apiKey,
    baseURL: settings.baseUrl,
    // The extension's background is a browser context; the key never leaves it (DESIGN invariant 3).
    dangerouslyAllowBrowser: true,
    maxRetries: deps.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeout: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
}
