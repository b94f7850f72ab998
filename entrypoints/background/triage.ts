import { browser } from 'wxt/browser';
import { senderAudience, type Handlers } from '@/lib/protocol/server';
import { senderPolicy } from './messaging';
import { TRIAGE_PORT, triageClientMessageSchema, type TriageServerMessage } from '@/lib/protocol/triage-port';
import { markInterruptedDrafts } from '@/lib/gmail-lane/background/draft-store';
import { runTriage } from '@/lib/gmail-lane/background/triage-session';
import { loadLanes } from '@/lib/lanes/lane-store';
import type { Services } from './services';
import { ok } from '@/lib/schemas/errors';
import { applyCorrection, removeCorrection } from '@/lib/gmail-lane/background/corrections';
import { recordRouting } from '@/lib/gmail-lane/background/routing';
import { usageForSubject } from '@/lib/gmail-lane/background/usage-summary';
import { loadOwnDomains } from '@/lib/settings/own-domains-store';

const SAVE_MODEL_AFTER_MS = 1000;

/** Triage streams over a Port opened by a content script on one of our sites; corrections come as messages. */
export function setUpTriage(services: Services): Handlers {
  void markInterruptedDrafts(services.db);
  // Train and save the local model on install, so the first thread a rep opens does not wait for it.
  browser.runtime.onInstalled.addListener(() => void services.model());
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== TRIAGE_PORT) return;
    if (senderAudience(port.sender, senderPolicy()) !== 'gmail') {
      port.disconnect();
      return;
    }
    let connected = true;
    port.onDisconnect.addListener(() => (connected = false));
    const post = (message: TriageServerMessage) => {
      if (connected) port.postMessage(message);
    };
    port.onMessage.addListener((raw) => {
      const message = triageClientMessageSchema.safeParse(raw);
      if (!message.success) {
        post({ type: 'error', stage: 'classify', error: { code: 'protocol.invalid_payload', message: 'The panel sent an invalid triage request.', nextStep: 'Reload the page.' } });
        return;
      }
      void runTriage(message.data, post, {
        db: services.db,
        lanes: () => loadLanes(services.db),
        index: services.index,
        localEngine: services.localEngine,
        engineChoice: services.engineChoice,
        claudeEngine: services.claudeEngine,
        ownDomains: () => loadOwnDomains(services.db),
        newId: () => crypto.randomUUID(),
      }).catch((error: unknown) => {
        console.error('[calm-triage] triage failed:', error instanceof Error ? error.name : 'unknown');
        post({ type: 'error', stage: 'draft', error: { code: 'internal', message: 'Triage failed unexpectedly.', nextStep: 'Reload the page to try again.' } });
      });
    });
  });

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  // Several corrections in a row are saved once (the model is about a megabyte), and retrained on once.
  const scheduleSave = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void services.models.save().then(() => services.model()), SAVE_MODEL_AFTER_MS);
  };
  return {
    'triage.route': async (request) => recordRouting(services.db, await loadLanes(services.db), request),
    'triage.retrain': async () => {
      await services.model();
      return ok({ training: services.models.isTraining });
    },
    'triage.usage': async ({ subjectId }) => ok(await usageForSubject(services.db, subjectId)),
    'triage.correct': async (correction) => {
      const model = await services.model();
      const result = await applyCorrection(services.db, model.ok ? model.value : null, await loadLanes(services.db), correction, await loadOwnDomains(services.db));
      scheduleSave();
      return ok(result);
    },
    'triage.removeCorrection': async ({ id }) => {
      const model = await services.model();
      const result = await removeCorrection(services.db, model.ok ? model.value : null, id);
      if (result.ok) scheduleSave();
      return result;
    },
  };
}
