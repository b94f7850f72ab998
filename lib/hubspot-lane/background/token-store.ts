import type { TriageDatabase } from '@/lib/db/database';
import { appendAudit } from '@/lib/db/audit';

export const HUBSPOT_TOKEN_SETTING_KEY = 'hubspot.token';

/** The private-app token lives only in the background's database: content scripts never read it. */
export async function loadHubSpotToken(db: TriageDatabase): Promise<string | null> {
  const row = await db.settings.get(HUBSPOT_TOKEN_SETTING_KEY);
  return typeof row?.value === 'string' && row.value !== '' ? row.value : null;
}

export async function saveHubSpotToken(db: TriageDatabase, token: string | null, now = Date.now()): Promise<void> {
  if (token === null) await db.settings.delete(HUBSPOT_TOKEN_SETTING_KEY);
  else await db.settings.put({ key: HUBSPOT_TOKEN_SETTING_KEY, value: token.trim() });
  await appendAudit(db, { kind: 'settings.changed', subject: null, lane: null, data: { hubspotToken: token === null ? 'removed' : 'set' } }, now);
}

/** What the options page may show of a token: that one is set, and its last four characters. */
export function maskToken(token: string | null): string | null {
  return token ? `…${token.slice(-4)}` : null;
}
