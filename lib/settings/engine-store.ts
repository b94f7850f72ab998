import type { TriageDatabase } from '@/lib/db/database';
import { appendAudit } from '@/lib/db/audit';
import { engineChoiceSchema, type EngineChoice } from '@/lib/schemas/settings';

export const ENGINE_SETTING_KEY = 'engine';

/**
 * Whether mail leaves the machine (Claude) or not (local) is a security setting: it lives in the background's
 * database, which content scripts cannot reach, and only extension pages or the managed policy change it.
 */
export async function loadEngineChoice(db: TriageDatabase): Promise<EngineChoice> {
  const parsed = engineChoiceSchema.safeParse((await db.settings.get(ENGINE_SETTING_KEY))?.value);
  return parsed.success ? parsed.data : 'local';
}

/** Whether a choice was ever saved (a first start migrates the one older versions kept in storage.local). */
export async function hasEngineChoice(db: TriageDatabase): Promise<boolean> {
  return (await db.settings.get(ENGINE_SETTING_KEY)) !== undefined;
}

export async function saveEngineChoice(db: TriageDatabase, engine: EngineChoice, now = Date.now()): Promise<EngineChoice> {
  const checked = engineChoiceSchema.parse(engine);
  await db.settings.put({ key: ENGINE_SETTING_KEY, value: checked });
  await appendAudit(db, { kind: 'settings.changed', subject: null, lane: null, data: { engine: checked } }, now);
  return checked;
}
