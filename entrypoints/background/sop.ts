import { ok } from '@/lib/schemas/errors';
import type { Handlers } from '@/lib/protocol/server';
import { importFiles } from '@/lib/sop/import-job';
import { retrieve } from '@/lib/sop/retrieve';
import { sampleSopFiles } from '@/lib/sop/samples';
import type { Services } from './services';

export function setUpSop(services: Services): Handlers {
  return {
    'sop.search': async ({ query, lane, k }) => ok(retrieve(await services.index(), query, { lane, k })),
    'sop.changed': async () => ok({ passages: (await services.reloadIndex()).passageCount }),
    'sop.loadSamples': async () => {
      const outcomes = await importFiles(services.db, await services.index(), await sampleSopFiles());
      return ok(outcomes);
    },
  };
}
