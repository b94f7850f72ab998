import { browser } from 'wxt/browser';
import type { Handlers } from '@/lib/protocol/server';
import { ok } from '@/lib/schemas/errors';
import { loadEngineChoice } from '@/lib/settings/engine-store';
import { readPublicSettings } from '@/lib/settings/public-settings';
import { siteOf } from '@/lib/sites/site-of';
import { libraryStatus, statusSummary } from '@/lib/status/status-summary';
import { optionsPath } from '@/lib/ui/options-tabs';
import type { Services } from './services';

/** Opens the options page on its Setup tab (first run, and the Gmail panel's empty-library link). */
export const openSetup = () => browser.tabs.create({ url: browser.runtime.getURL(optionsPath('setup')) });

/** The toolbar popup's summary and the first run: on install, the options page opens on Setup. */
export function setUpStatus(services: Services): Handlers {
  const { db } = services;
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void openSetup();
  });
  return {
    'status.summary': async ({ url }) => {
      const parsed = url ? URL.parse(url) : null;
      return ok(await statusSummary(db, { settings: await readPublicSettings(), engine: await loadEngineChoice(db), site: parsed ? siteOf(parsed) : null }));
    },
    'status.library': async () => ok(await libraryStatus(db)),
    'status.openSetup': async () => {
      await openSetup();
      return ok({ opened: true });
    },
  };
}
