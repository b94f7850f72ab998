import { appendAudit } from '@/lib/db/audit';
import { testConnection } from '@/lib/engine/claude/connection';
import type { Handlers } from '@/lib/protocol/server';
import { ok } from '@/lib/schemas/errors';
import type { ClaudeSettings } from '@/lib/schemas/settings';
import { loadClaudeSettings, maskKey, saveClaudeSettings } from '@/lib/settings/claude-settings-store';
import { loadOwnDomains, saveOwnDomains } from '@/lib/settings/own-domains-store';
import type { Services } from './services';

const masked = (s: ClaudeSettings) => ({
  hasKey: s.apiKey !== '',
  keyHint: maskKey(s.apiKey),
  classifyModel: s.classifyModel,
  draftModel: s.draftModel,
  baseUrl: s.baseUrl,
});

/** Admin settings held in the background. Only extension pages may call these (checked by the dispatcher). */
export function setUpSettings(services: Services): Handlers {
  const { db } = services;
  return {
    'settings.getClaude': async () => ok(masked(await loadClaudeSettings(db))),
    'settings.setClaude': async ({ apiKey, classifyModel, draftModel, baseUrl }) => {
      const current = await loadClaudeSettings(db);
      const next = { apiKey: apiKey === undefined ? current.apiKey : apiKey.trim(), classifyModel, draftModel, baseUrl: baseUrl.replace(/\/+$/, '') };
      await saveClaudeSettings(db, next);
      await appendAudit(db, { kind: 'settings.changed', subject: null, lane: null, data: { claude: { classifyModel, draftModel, baseUrl: next.baseUrl, keyChanged: apiKey !== undefined } } });
      return ok(masked(next));
    },
    'settings.testClaude': async () => testConnection(await loadClaudeSettings(db)),
    'settings.getOwnDomains': async () => ok(await loadOwnDomains(db)),
    'settings.setOwnDomains': async ({ domains }) => ok(await saveOwnDomains(db, domains)),
  };
}
