import { browser } from 'wxt/browser';
import { appendAudit } from '@/lib/db/audit';
import type { TriageDatabase } from '@/lib/db/database';
import { testConnection } from '@/lib/engine/claude/connection';
import type { Handlers } from '@/lib/protocol/server';
import { fail, ok } from '@/lib/schemas/errors';
import { baseUrlProblem, engineChoiceSchema, type ClaudeSettings } from '@/lib/schemas/settings';
import { loadClaudeSettings, maskKey, saveClaudeSettings } from '@/lib/settings/claude-settings-store';
import { hasEngineChoice, loadEngineChoice, saveEngineChoice } from '@/lib/settings/engine-store';
import { loadOwnDomains, saveOwnDomains } from '@/lib/settings/own-domains-store';
import { PUBLIC_SETTINGS_STORAGE_KEY, readPublicSettings, updatePublicSettings } from '@/lib/settings/public-settings';
import type { Services } from './services';

const masked = (s: ClaudeSettings) => ({
  hasKey: s.apiKey !== '',
  keyHint: maskKey(s.apiKey),
  classifyModel: s.classifyModel,
  draftModel: s.draftModel,
  baseUrl: s.baseUrl,
});

/**
 * Older versions kept the engine choice in storage.local, which content scripts can write. On the first start of
 * this version it moves to the background's database and leaves storage.local.
 */
export async function moveEngineChoiceOutOfStorage(db: TriageDatabase): Promise<void> {
  const raw: Record<string, unknown> = await browser.storage.local.get(PUBLIC_SETTINGS_STORAGE_KEY);
  const stored = raw[PUBLIC_SETTINGS_STORAGE_KEY];
  const legacy = engineChoiceSchema.safeParse(typeof stored === 'object' && stored !== null ? (stored as { engine?: unknown }).engine : undefined);
  if (legacy.success && !(await hasEngineChoice(db))) await saveEngineChoice(db, legacy.data);
  if (legacy.success) await updatePublicSettings(await readPublicSettings());
}

/** Admin settings held in the background. Only extension pages may call these (checked by the dispatcher). */
export function setUpSettings({ db }: Pick<Services, 'db'>): Handlers {
  void moveEngineChoiceOutOfStorage(db);
  return {
    'settings.getClaude': async () => ok(masked(await loadClaudeSettings(db))),
    'settings.setClaude': async ({ apiKey, classifyModel, draftModel, baseUrl }) => {
      const url = baseUrl.replace(/\/+$/, '');
      const problem = baseUrlProblem(url);
      if (problem) return fail('settings.base_url_refused', problem, 'Correct the base URL, then save again.');
      const current = await loadClaudeSettings(db);
      // The key was given for one server: a new origin does not inherit it.
      const originChanged = new URL(url).origin !== new URL(current.baseUrl).origin;
      const keyClearedByOriginChange = originChanged && apiKey === undefined && current.apiKey !== '';
      const key = apiKey !== undefined ? apiKey.trim() : originChanged ? '' : current.apiKey;
      const next = { apiKey: key, classifyModel, draftModel, baseUrl: url };
      await saveClaudeSettings(db, next);
      await appendAudit(db, {
        kind: 'settings.changed',
        subject: null,
        lane: null,
        data: { claude: { classifyModel, draftModel, baseUrl: url, keyChanged: apiKey !== undefined || keyClearedByOriginChange, ...(keyClearedByOriginChange ? { keyClearedByOriginChange } : {}) } },
      });
      return ok(masked(next));
    },
    'settings.getEngine': async () => ok({ engine: await loadEngineChoice(db) }),
    'settings.setEngine': async ({ engine }) => ok({ engine: await saveEngineChoice(db, engine) }),
    'settings.testClaude': async () => testConnection(await loadClaudeSettings(db)),
    'settings.getOwnDomains': async () => ok(await loadOwnDomains(db)),
    'settings.setOwnDomains': async ({ domains }) => ok(await saveOwnDomains(db, domains)),
  };
}
