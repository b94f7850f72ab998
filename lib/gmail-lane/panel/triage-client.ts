import { browser, type Browser } from 'wxt/browser';
import { TRIAGE_PORT, triageServerMessageSchema, type TriageClientMessage } from '@/lib/protocol/triage-port';
import type { TriageResult } from '@/lib/schemas/classification';
import type { DraftRecord } from '@/lib/schemas/draft-record';
import type { AppError } from '@/lib/schemas/errors';
import type { Retrieval } from '@/lib/schemas/sop';
import type { TriageInput } from '@/lib/schemas/triage-input';
import { createStore, type Store } from '@/lib/ui/store';
import { send } from '@/lib/protocol/gmail-client';

/** Urgency and owner are not learnt by the model: the rep's value is shown as given. */
function withCorrection(triage: TriageResult, field: 'urgency' | 'owner', to: string): TriageResult {
  const c = triage.classification;
  const classification =
    field === 'urgency'
      ? { ...c, urgency: { ...c.urgency, value: to as typeof c.urgency.value, reason: 'Set by you', confidence: 1 } }
      : { ...c, owner: { value: to, confidence: 1 } };
  return { ...triage, classification, lowConfidenceFields: triage.lowConfidenceFields.filter((f) => f !== field) };
}

/** What the panel shows of the open thread's triage. */
export interface TriageView {
  subjectId: string | null;
  input: TriageInput | null;
  triage: TriageResult | null;
  /** Claude's failure, shown beside the local result that stays visible. */
  engineError: AppError | null;
  retrieval: Retrieval | null;
  draft: DraftRecord | null;
  /** Text of the draft being written, as it streams. */
  liveText: string;
  error: AppError | null;
  connection: 'idle' | 'open' | 'lost';
}

export const emptyTriageView: TriageView = {
  subjectId: null,
  input: null,
  triage: null,
  engineError: null,
  retrieval: null,
  draft: null,
  liveText: '',
  error: null,
  connection: 'idle',
};

export interface TriageClient {
  view: Store<TriageView>;
  start(subjectId: string, input: TriageInput, draftMode?: TriageClientMessage['draftMode']): void;
  /** Records a correction, then triages again so the panel shows what the retrained engine makes of it. */
  correct(field: 'category' | 'urgency' | 'owner', from: string, to: string): Promise<string | null>;
  /** Routes the thread to an owner or queue; resolves to a problem to show, or null. */
  route(owner: string): Promise<string | null>;
  /** Replace the draft record after a review action answered by the background. */
  setDraft(record: DraftRecord): void;
  clear(): void;
}

const RECONNECT_MS = 400;

/** The content-script end of the triage port. A lost port (worker restart) reconnects and restores the draft. */
export function createTriageClient(signal: AbortSignal): TriageClient {
  const view = createStore<TriageView>(emptyTriageView);
  let port: Browser.runtime.Port | null = null;

  const disconnect = () => {
    const p = port;
    port = null;
    p?.disconnect();
  };

  const start: TriageClient['start'] = (subjectId, input, draftMode = 'restore') => {
    disconnect();
    if (signal.aborted) return;
    const same = view.get().subjectId === subjectId;
    view.set({ ...(same ? view.get() : emptyTriageView), subjectId, input, error: null, engineError: null, liveText: '', connection: 'open' });
    const p = browser.runtime.connect({ name: TRIAGE_PORT });
    port = p;
    p.onMessage.addListener((raw) => {
      if (port !== p) return;
      const parsed = triageServerMessageSchema.safeParse(raw);
      if (!parsed.success) return view.set((v) => ({ ...v, error: { code: 'protocol.bad_answer', message: 'The background sent an unexpected triage update.', nextStep: 'Reload the extension.' } }));
      const m = parsed.data;
      view.set((v) => {
        switch (m.type) {
          case 'classified':
            return { ...v, triage: m.result };
          case 'engineError':
            return { ...v, engineError: m.error };
          case 'retrieved':
            return { ...v, retrieval: m.retrieval };
          case 'draft':
            return { ...v, draft: m.record, liveText: m.record.status === 'generating' ? m.record.partialText : '' };
          case 'draftDelta':
            return v.draft?.id === m.id ? { ...v, liveText: v.liveText + m.delta } : v;
          case 'error':
            return { ...v, error: m.error };
        }
      });
    });
    p.onDisconnect.addListener(() => {
      if (port !== p) return;
      port = null;
      view.set((v) => ({ ...v, connection: 'lost' }));
      // The worker restarted: ask again; the background restores the persisted draft, marked interrupted.
      setTimeout(() => {
        const v = view.get();
        if (!signal.aborted && !port && v.subjectId === subjectId && v.input) start(subjectId, v.input, 'restore');
      }, RECONNECT_MS);
    });
    p.postMessage({ type: 'start', subjectId, input, draftMode } satisfies TriageClientMessage);
  };

  signal.addEventListener('abort', disconnect, { once: true });
  return {
    view,
    start,
    async correct(field, from, to) {
      const { subjectId, input } = view.get();
      if (!subjectId || !input) return 'Open a thread first.';
      const answer = await send('triage.correct', { subjectId, field, from, to, input });
      if (!answer.ok) return `${answer.error.message} ${answer.error.nextStep}`;
      if (field === 'category') start(subjectId, input, 'restore');
      else view.set((v) => (v.triage ? { ...v, triage: withCorrection(v.triage, field, to) } : v));
      return null;
    },
    async route(owner) {
      const { subjectId, input, triage } = view.get();
      if (!subjectId || !input || !triage) return 'Open a thread first.';
      const answer = await send('triage.route', {
        subjectId,
        lane: triage.classification.lane.value,
        owner,
        suggested: triage.classification.owner.value,
        by: input.rep?.name ?? null,
      });
      if (!answer.ok) return `${answer.error.message} ${answer.error.nextStep}`;
      view.set((v) => (v.triage && v.subjectId === subjectId ? { ...v, triage: { ...v.triage, routing: answer.value } } : v));
      return null;
    },
    setDraft: (record) => view.set((v) => (v.draft?.id === record.id || !v.draft ? { ...v, draft: record } : v)),
    clear: () => {
      disconnect();
      view.set(emptyTriageView);
    },
  };
}
