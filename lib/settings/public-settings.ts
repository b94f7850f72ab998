import { storage } from '#imports';
import { defaultPublicSettings, publicSettingsSchema, type PublicSettings } from '@/lib/schemas/settings';

/** The storage.local key the panel settings are kept under. */
export const PUBLIC_SETTINGS_STORAGE_KEY = 'settings';

/**
 * Settings a content script may read, kept in storage.local so panels follow changes live. Content scripts can
 * write storage.local too, so nothing here decides security: the engine choice, the Claude key and base URL and the
 * HubSpot token stay in the background's database.
 */
export const publicSettingsItem = storage.defineItem<PublicSettings>(`local:${PUBLIC_SETTINGS_STORAGE_KEY}`, {
  fallback: defaultPublicSettings,
  version: 1,
});

/** Stored settings are validated on read; anything malformed falls back to defaults field by field. */
export function parsePublicSettings(raw: unknown): PublicSettings {
  const parsed = publicSettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const partial = publicSettingsSchema.partial().safeParse(raw);
  return { ...defaultPublicSettings, ...(partial.success ? partial.data : {}) };
}

export async function readPublicSettings(): Promise<PublicSettings> {
  return parsePublicSettings(await publicSettingsItem.getValue());
}

export async function updatePublicSettings(patch: Partial<PublicSettings>): Promise<PublicSettings> {
  const next = publicSettingsSchema.parse({ ...(await readPublicSettings()), ...patch });
  await publicSettingsItem.setValue(next);
  return next;
}

export function watchPublicSettings(onChange: (s: PublicSettings) => void): () => void {
  return publicSettingsItem.watch((value) => onChange(parsePublicSettings(value)));
}

/** The manifest command that collapses or expands the panel (Alt+Shift+T unless the user changed it in Chrome). */
export const TOGGLE_PANEL_COMMAND = 'toggle-panel';

/** Collapses or expands the panel everywhere: every open panel follows the stored setting. */
export async function togglePanelCollapsed(): Promise<PublicSettings> {
  return updatePublicSettings({ panelCollapsed: !(await readPublicSettings()).panelCollapsed });
}
