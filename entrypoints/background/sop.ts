import { browser } from 'wxt/browser';
import { ok, type Result } from '@/lib/schemas/errors';
import type { Handlers } from '@/lib/protocol/server';
import { importFiles } from '@/lib/sop/import-job';
import { MANAGED_READ_ONLY } from '@/lib/sop/managed-status';
import { parseTextSopFile } from '@/lib/sop/parse/parse-text-sop';
import { deleteSop, getSop, retire } from '@/lib/sop/library';
import { applyManagedPolicy, importRepBundle, loadManagedStatus, type ManagedSettingsPatch } from '@/lib/sop/managed';
import { retrieveForClassification } from '@/lib/sop/retrieve';
import { loadLanes } from '@/lib/lanes/lane-store';
import { sampleSopFiles } from '@/lib/sop/samples';
import { setSopLanes } from '@/lib/sop/sop-lanes';
import { loadEngineChoice, saveEngineChoice } from '@/lib/settings/engine-store';
import { readPublicSettings, updatePublicSettings } from '@/lib/settings/public-settings';
import type { Services } from './services';

const readOnly = (): Result<never> => ({ ok: false, error: MANAGED_READ_ONLY });

/** SOP retrieval, library changes from the options page, and the organisation's managed library. */
export function setUpSop(services: Services): Handlers {
  const { db } = services;
  const applyManaged = () =>
    applyManagedPolicy({
      db,
      index: services.index,
      area: browser.storage.managed,
      fetch: (input, init) => fetch(input, init),
      applySettings: async (patch: ManagedSettingsPatch) => {
        if (patch.engine && patch.engine !== (await loadEngineChoice(db))) await saveEngineChoice(db, patch.engine);
        if (!patch.panelEnabled) return;
        const current = await readPublicSettings();
        await updatePublicSettings({ panelEnabled: { ...current.panelEnabled, ...patch.panelEnabled } });
      },
    });
  void applyManaged();
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void applyManaged();
  });

  const ifNotManaged = async <T>(sopId: string, run: () => Promise<Result<T>>): Promise<Result<T>> =>
    (await getSop(db, sopId))?.managed ? readOnly() : run();

  return {
    // The admin's test question goes the way a thread does: classified, routed by its category, held to the lane's floor.
    'sop.search': async ({ query, lane, k }) => {
      const lanes = await loadLanes(db);
      const classified = await (await services.localEngine()).classify({ source: 'gmail', subject: '', messages: [{ from: { name: '', email: '' }, date: null, text: query }] }, lanes);
      if (!classified.ok) return classified;
      const classification = lane ? { ...classified.value, lane: { ...classified.value.lane, value: lane } } : classified.value;
      return ok(retrieveForClassification(await services.index(), query, classification, lanes, k));
    },
    'sop.changed': async () => ok({ passages: (await services.reloadIndex()).passageCount }),
    'sop.loadSamples': async () => ok(await importFiles(db, await services.index(), await sampleSopFiles(), { parse: parseTextSopFile })),
    'sop.retire': async ({ sopId }) =>
      ifNotManaged(sopId, async () => {
        const retired = await retire(db, await services.index(), sopId);
        return retired.ok ? ok({ sopId, version: retired.value.version }) : retired;
      }),
    'sop.delete': async ({ sopId }) => ifNotManaged(sopId, async () => deleteSop(db, await services.index(), sopId)),
    'sop.setLanes': async ({ sopId, lanes }) => {
      const result = await setSopLanes(db, await services.index(), sopId, lanes);
      return result.ok ? ok({ lanes: result.value.lanes }) : result;
    },
    'sop.importBundle': async ({ json }) => importRepBundle(db, await services.index(), json),
    'sop.managedStatus': async () => ok(await loadManagedStatus(db)),
    'sop.applyManaged': async () => ok(await applyManaged()),
  };
}

