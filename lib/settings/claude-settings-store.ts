import type { TriageDatabase } from '@/lib/db/database';
import { claudeSettingsSchema, defaultClaudeSettings, type ClaudeSettings } from '@/lib/schemas/settings';

export const CLAUDE_SETTING_KEY = 'claude';

/** The Claude settings live in the background's database: the key is never in storage a content script can read. */
export async function loadClaudeSettings(db: TriageDatabase): Promise<ClaudeSettings> {
  const row = await db.settings.get(CLAUDE_SETTING_KEY);
  const parsed = claudeSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : defaultClaudeSettings;
}

export async function saveClaudeSettings(db: TriageDatabase, settings: ClaudeSettings): Promise<void> {
  await db.settings.put({ key: CLAUDE_SETTING_KEY, value: claudeSettingsSchema.parse(settings) });
}

/** What the options page may show of the key: whether one is set, and its last four characters. */
export function maskKey(key: string): string | null {
  return key ? `…${key.slice(-4)}` : null;
}
