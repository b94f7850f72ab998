import { browser } from 'wxt/browser';
import { deleteAllTables, purgeExpired } from '@/lib/db/retention';
import type { Handlers } from '@/lib/protocol/server';
import { ok } from '@/lib/schemas/errors';
import { loadRetentionDays, saveRetentionDays } from '@/lib/settings/retention-store';
import type { Services } from './services';

const RETENTION_ALARM = 'retention-purge';
const DAY_MINUTES = 24 * 60;

/** The retention setting, enforced at every worker start and once a day; and "Delete all local data". */
export function setUpPrivacy(services: Services): Handlers {
  const { db } = services;
  const purge = async () => purgeExpired(db, await loadRetentionDays(db));
  const purgeLogged = () =>
    purge().catch((error: unknown) => console.error('[calm-triage] retention purge failed:', error instanceof Error ? error.name : 'unknown'));
  void purgeLogged();
  void browser.alarms.get(RETENTION_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(RETENTION_ALARM, { periodInMinutes: DAY_MINUTES });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETENTION_ALARM) void purgeLogged();
  });
  return {
    'privacy.getRetention': async () => ok({ days: await loadRetentionDays(db) }),
    'privacy.setRetention': async ({ days }) => {
      const saved = await saveRetentionDays(db, days);
      return ok({ days: saved, purged: await purge() });
    },
    'privacy.deleteAll': async () => {
      await deleteAllTables(db);
      await browser.storage.local.clear();
      services.forget();
      return ok({ deleted: true as const });
    },
  };
}
