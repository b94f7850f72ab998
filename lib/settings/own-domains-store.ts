import type { TriageDatabase } from '@/lib/db/database';
import { z } from 'zod';

export const OWN_DOMAINS_SETTING_KEY = 'ownDomains';
const domainsSchema = z.array(z.string());

export async function loadOwnDomains(db: TriageDatabase): Promise<string[]> {
  const parsed = domainsSchema.safeParse((await db.settings.get(OWN_DOMAINS_SETTING_KEY))?.value);
  return parsed.success ? parsed.data : [];
}

export async function saveOwnDomains(db: TriageDatabase, domains: string[]): Promise<string[]> {
  const clean = [...new Set(domains.map((d) => d.trim().toLowerCase()).filter(Boolean))];
  await db.settings.put({ key: OWN_DOMAINS_SETTING_KEY, value: clean });
  return clean;
}
