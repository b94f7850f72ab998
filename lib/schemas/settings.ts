import { z } from 'zod';

/** Settings that content scripts may see. The Claude key is deliberately not here. */
export const publicSettingsSchema = z.object({
  engine: z.enum(['local', 'claude']),
  panelEnabled: z.object({ gmail: z.boolean(), hubspot: z.boolean() }),
  panelCollapsed: z.boolean(),
});
export type PublicSettings = z.infer<typeof publicSettingsSchema>;

export const defaultPublicSettings: PublicSettings = {
  engine: 'local',
  panelEnabled: { gmail: true, hubspot: true },
  panelCollapsed: false,
};

/** Settings that stay in the background: the key never crosses the message boundary. */
export const claudeSettingsSchema = z.object({
  apiKey: z.string(),
  classifyModel: z.string().min(1),
  draftModel: z.string().min(1),
  baseUrl: z.url(),
});
export type ClaudeSettings = z.infer<typeof claudeSettingsSchema>;

export const defaultClaudeSettings: ClaudeSettings = {
  apiKey: '',
  classifyModel: 'claude-haiku-4-5',
  draftModel: 'claude-sonnet-4-6',
  baseUrl: 'https://api.anthropic.com',
};
