import { browser } from 'wxt/browser';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import type { Handlers } from '@/lib/protocol/server';
import { importBundle, sopBundleSchema } from '@/lib/sop/bundle';
import { importFiles } from '@/lib/sop/import-job';
import { MANAGED_READ_ONLY } from '@/lib/sop/managed-status';
import { parseTextSopFile } from '@/lib/sop/parse/parse-text-sop';
import { deleteSop, getSop, listSops, retire } from '@/lib/sop/library';
import { applyManagedPolicy, loadManagedStatus, type ManagedSettingsPatch } from '@/lib/sop/managed';
import { retrieve } from '@/lib/sop/retrieve';
import { sampleSopFiles } from '@/lib/sop/samples';
import { setSopLanes } from '@/lib/sop/sop-lanes';
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
        if (!patch.engine && !patch.panelEnabled) return;
        const current = await readPublicSettings();
        await updatePublicSettings({
          ...(patch.engine ? { engine: patch.engine } : {}),
          ...(patch.panelEnabled ? { panelEnabled: { ...current.panelEnabled, ...patch.panelEnabled } } : {}),
        });
      },
    });
  void applyManaged();
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void applyManaged();
  });

  const ifNotManaged = async <T>(sopId: string, run: () => Promise<Result<T>>): Promise<Result<T>> =>
    (await getSop(db, sopId))?.managed ? readOnly() : run();

  return {
    'sop.search': async ({ query, lane, k }) => ok(retrieve(await services.index(), query, { lane, k })),
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
    'sop.importBundle': async ({ json }) => {
      // A rep's bundle must not overwrite what the organisation manages; the verification itself is importBundle's.
      const shape = sopBundleSchema.safeParse(safeJson(json));
      if (shape.success) {
        const managed = new Set((await listSops(db)).filter((r) => r.managed).map((r) => r.sopId));
        const clash = shape.data.sops.find((s) => managed.has(s.id));
        if (clash) return fail('sop.managed', `This bundle would change "${clash.title}", which your organisation's policy manages. Nothing was changed.`, 'Remove that SOP from the bundle, or ask whoever manages the team bundle.');
      }
      return importBundle(db, await services.index(), json, Date.now(), { managed: false });
    },
    'sop.managedStatus': async () => ok(await loadManagedStatus(db)),
    'sop.applyManaged': async () => ok(await applyManaged()),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // importBundle reports the invalid JSON with its reason.
    return null;
  }
}
