import type { TriageDatabase } from '@/lib/db/database';
import { DEFAULT_RETENTION_DAYS, retentionDaysSchema } from '@/lib/schemas/status';

export const RETENTION_SETTING_KEY = 'retentionDays';

/** How many days resolved work and the audit log are kept (General → Privacy); 30 unless the admin changed it. */
export async function loadRetentionDays(db: TriageDatabase): Promise<number> {
  const parsed = retentionDaysSchema.safeParse((await db.settings.get(RETENTION_SETTING_KEY))?.value);
  return parsed.success ? parsed.data : DEFAULT_RETENTION_DAYS;
}

export async function saveRetentionDays(db: TriageDatabase, days: number): Promise<number> {
  const checked = retentionDaysSchema.parse(days);
  await db.settings.put({ key: RETENTION_SETTING_KEY, value: checked });
  return checked;
}
