import { ok, type Result } from '@/lib/schemas/errors';
import type { ClaudeSettings } from '@/lib/schemas/settings';
import { createAnthropicClient, settingsProblem, type ClientDeps } from './client';
import { toAppError } from './errors';

/**
 * "Test connection" in Options: looks up both configured models, which checks the key, the base
 * URL and the model names without spending tokens.
 */
export async function testConnection(settings: ClaudeSettings, deps: ClientDeps = {}): Promise<Result<{ model: string }>> {
  const problem = settingsProblem(settings);
  if (problem) return { ok: false, error: problem };
  const client = createAnthropicClient(settings, { maxRetries: 0, timeoutMs: 15_000, ...deps });
  const found: string[] = [];
  for (const model of new Set([settings.classifyModel, settings.draftModel])) {
    try {
      found.push((await client.models.retrieve(model)).id);
    } catch (thrown) {
      return { ok: false, error: toAppError(thrown, model) };
    }
  }
  return ok({ model: found.join(', ') });
}
