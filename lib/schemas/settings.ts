import { z } from 'zod';
import { lazySchema } from './lazy-schema';

/** Local (nothing leaves the machine) or Claude (mail goes to the configured API). Kept in the background's database. */
export const engineChoiceSchema = lazySchema(() => z.enum(['local', 'claude']));
export type EngineChoice = z.infer<typeof engineChoiceSchema>;

/**
 * Settings content scripts may see and that only shape the panel. Nothing here is a security setting: the engine
 * choice, the Claude settings and the HubSpot token live in the background's database.
 */
export const publicSettingsSchema = lazySchema(() => z.object({
  panelEnabled: z.object({ gmail: z.boolean(), hubspot: z.boolean() }),
  panelCollapsed: z.boolean(),
}));
export type PublicSettings = z.infer<typeof publicSettingsSchema>;

export const defaultPublicSettings: PublicSettings = {
  panelEnabled: { gmail: true, hubspot: true },
  panelCollapsed: false,
};

/** Settings that stay in the background: the key never crosses the message boundary. */
export const claudeSettingsSchema = lazySchema(() => z.object({
  apiKey: z.string(),
  classifyModel: z.string().min(1),
  draftModel: z.string().min(1),
  baseUrl: z.url().refine((url) => baseUrlProblem(url) === null, { message: 'plain http is only for this computer' }),
}));
export type ClaudeSettings = z.infer<typeof claudeSettingsSchema>;

export const defaultClaudeSettings: ClaudeSettings = {
  apiKey: '',
  classifyModel: 'claude-haiku-4-5',
  draftModel: 'claude-sonnet-4-6',
  baseUrl: 'https://api.anthropic.com',
};

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why a Claude base URL is refused, or null when it is fine: https anywhere, plain http only to this computer
 * (a local gateway), since the key travels in every request.
 */
export function baseUrlProblem(url: string): string | null {
  const parsed = URL.parse(url);
  if (!parsed) return 'The base URL is not a valid URL, e.g. https://api.anthropic.com';
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && LOCAL_HOSTS.has(parsed.hostname)) return null;
  if (parsed.protocol === 'http:') return 'Plain http:// sends the key unencrypted: it is allowed only for localhost or 127.0.0.1. Use https://.';
  return 'The base URL must start with https://.';
}
