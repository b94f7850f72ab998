import type { Send } from '@/lib/protocol/client';
import type { AppError, Result } from '@/lib/schemas/errors';
import type { HandoffPacket, PipelineFinding } from '@/lib/schemas/proposal';
import type { FetchLike, HubSpotClient } from '@/lib/sites/hubspot/api-client';
import type { ContactRow, RecordRef, ProposalRow, RecordView, TaskContent, TaskRow } from '@/lib/schemas/hubspot';
import { writeApproved } from '@/lib/sites/hubspot/write-approved';
import { createApprovedTasks } from '@/lib/sites/hubspot/create-tasks';
import { createApprovedContacts } from '@/lib/sites/hubspot/create-contact';
import { createStore, type Store } from '@/lib/ui/store';
import { readRecordView } from '@/lib/hubspot-lane/shared/record-view';

export type HubSpotPanelState =
  | { kind: 'no-record' }
  | { kind: 'loading'; ref: RecordRef }
  | { kind: 'error'; ref: RecordRef; error: AppError }
  | {
      kind: 'ready';
      ref: RecordRef;
      mode: 'session' | 'token';
      view: RecordView;
      handoffs: HandoffPacket[];
      rows: ProposalRow[];
      /** Follow-up tasks proposed from the logged activity, each created only after approval. */
      tasks: TaskRow[];
      /** New contacts proposed from lead handoffs, each created only after approval. */
      contacts: ContactRow[];
      ignoredSources: { ref: string; reason: string }[];
      findings: PipelineFinding[];
      /** Set while a write is under way; `busy` while HubSpot answers 429 and the client waits to retry. */
      writing: boolean;
      busy: boolean;
      /** A problem with the last action (not with one row): shown above the table. */
      notice: AppError | null;
    };

export interface HubSpotPanelController {
  state: Store<HubSpotPanelState>;
  open(ref: RecordRef | null): Promise<void>;
  review(id: string, action: 'accept' | 'reject' | 'reopen', value?: string): Promise<void>;
  reviewTask(id: string, action: 'accept' | 'reject' | 'reopen', content?: TaskContent): Promise<void>;
  reviewContact(id: string, action: 'accept' | 'reject' | 'reopen'): Promise<void>;
  /** Writes the approved fields (one PATCH), then creates the approved contacts and tasks (one POST each). */
  writeApproved(): Promise<void>;
  undo(id: string): Promise<void>;
}

export interface ControllerDeps {
  send: Send;
  /** The page-session client for a record, calling through the given fetch. */
  sessionClient: (ref: RecordRef, fetch: FetchLike) => HubSpotClient;
  fetch: FetchLike;
}

/**
 * The HubSpot panel's logic, outside React: reads the open record (session or token path), asks the
 * background for proposals and review state, and writes only what the background holds as approved.
 */
export function createHubSpotPanelController(deps: ControllerDeps): HubSpotPanelController {
  const state = createStore<HubSpotPanelState>({ kind: 'no-record' });
  let generation = 0;

  const ready = () => {
    const s = state.get();
    return s.kind === 'ready' ? s : null;
  };
  const patchReady = (gen: number, patch: Partial<Extract<HubSpotPanelState, { kind: 'ready' }>>) => {
    const s = ready();
    if (s && gen === generation) state.set({ ...s, ...patch });
  };
  // Tells the panel HubSpot is rate limiting while the client waits and retries.
  const watchingFetch = (gen: number): FetchLike => async (input, init) => {
    const response = await deps.fetch(input, init);
    if (response.status === 429) patchReady(gen, { busy: true });
    return response;
  };

  async function open(ref: RecordRef | null): Promise<void> {
    const gen = ++generation;
    if (!ref) return state.set({ kind: 'no-record' });
    state.set({ kind: 'loading', ref });
    const setup = await deps.send('hubspot.setup', {});
    if (gen !== generation) return;
    if (!setup.ok) return state.set({ kind: 'error', ref, error: setup.error });
    const { mode, laneProperties } = setup.value;
    const view =
      mode === 'token'
        ? await deps.send('hubspot.readRecord', { ref })
        : await readRecordView(deps.sessionClient(ref, deps.fetch), ref, laneProperties);
    if (gen !== generation) return;
    if (!view.ok) return state.set({ kind: 'error', ref, error: view.error });
    const proposed = await deps.send('hubspot.propose', { view: view.value });
    if (gen !== generation) return;
    if (!proposed.ok) return state.set({ kind: 'error', ref, error: proposed.error });
    const { rows, tasks, contacts, handoffs, ignoredSources, findings, engineError } = proposed.value;
    state.set({ kind: 'ready', ref, mode, view: view.value, rows, tasks, contacts, handoffs, ignoredSources, findings, writing: false, busy: false, notice: engineError });
  }

  async function rowsAction(run: () => Promise<Result<ProposalRow[]>>): Promise<void> {
    const gen = generation;
    const result = await run();
    if (result.ok) patchReady(gen, { rows: result.value, notice: null });
    else patchReady(gen, { notice: result.error });
  }

  async function tasksAction(run: () => Promise<Result<TaskRow[]>>): Promise<void> {
    const gen = generation;
    const result = await run();
    if (result.ok) patchReady(gen, { tasks: result.value, notice: null });
    else patchReady(gen, { notice: result.error });
  }

  /** Creates the approved tasks: through the background with the token, or here with the session, each recorded before its POST. */
  async function createTasks(s: Extract<HubSpotPanelState, { kind: 'ready' }>, gen: number): Promise<Result<TaskRow[]>> {
    if (s.mode === 'token') return deps.send('hubspot.createApprovedTasks', { ref: s.ref });
    const approved = await deps.send('hubspot.approvedTasks', { subject: s.view.subject });
    if (!approved.ok) return approved;
    if (approved.value.length === 0) return { ok: true, value: s.tasks };
    const outcomes = await createApprovedTasks(deps.sessionClient(s.ref, watchingFetch(gen)), s.ref, approved.value, {
      beforeCreate: (task) => deps.send('hubspot.taskStarted', { subject: s.view.subject, task }),
    });
    return deps.send('hubspot.recordTaskOutcomes', { subject: s.view.subject, outcomes });
  }

  async function contactsAction(run: () => Promise<Result<ContactRow[]>>): Promise<void> {
    const gen = generation;
    const result = await run();
    if (result.ok) patchReady(gen, { contacts: result.value, notice: null });
    else patchReady(gen, { notice: result.error });
  }

  /** Creates the approved contacts: through the background with the token, or here with the session, each recorded before its POST. */
  async function createContacts(s: Extract<HubSpotPanelState, { kind: 'ready' }>, gen: number): Promise<void> {
    if (!s.contacts.some((c) => c.status === 'accepted' && c.approvalHash !== null)) return;
    let result: Result<ContactRow[]>;
    if (s.mode === 'token') result = await deps.send('hubspot.createApprovedContacts', { ref: s.ref });
    else {
      const approved = await deps.send('hubspot.approvedContacts', { subject: s.view.subject });
      if (!approved.ok) result = approved;
      else {
        const outcomes = await createApprovedContacts(deps.sessionClient(s.ref, watchingFetch(gen)), approved.value, {
          beforeCreate: (contact) => deps.send('hubspot.contactStarted', { subject: s.view.subject, contact }),
        });
        result = await deps.send('hubspot.recordContactOutcomes', { subject: s.view.subject, outcomes });
      }
    }
    if (result.ok) patchReady(gen, { contacts: result.value });
    else patchReady(gen, { notice: result.error });
  }

  async function write(): Promise<void> {
    const s = ready();
    if (!s || s.writing) return;
    const gen = generation;
    patchReady(gen, { writing: true, busy: false, notice: null });
    await writeFields(s, gen);
    await createContacts(s, gen);
    const tasks = await createTasks(s, gen);
    if (tasks.ok) patchReady(gen, { tasks: tasks.value, writing: false, busy: false });
    else patchReady(gen, { writing: false, busy: false, notice: tasks.error });
  }

  async function writeFields(s: Extract<HubSpotPanelState, { kind: 'ready' }>, gen: number): Promise<void> {
    if (!s.rows.some((r) => r.approvalHash !== null && (r.proposal.status === 'accepted' || r.proposal.status === 'edited'))) return;
    let result: Result<ProposalRow[]>;
    if (s.mode === 'token') {
      result = await deps.send('hubspot.writeApproved', { ref: s.ref });
    } else {
      const approved = await deps.send('hubspot.approvedFields', { subject: s.view.subject });
      if (!approved.ok) result = approved;
      else {
        let lease: string | undefined;
        const report = await writeApproved(deps.sessionClient(s.ref, watchingFetch(gen)), s.ref, approved.value, {
          beforePatch: async (fields) => {
            const started = await deps.send('hubspot.writeStarted', { subject: s.view.subject, fields });
            if (started.ok) lease = started.value.lease;
            return started;
          },
        });
        result = await deps.send('hubspot.recordOutcomes', { subject: s.view.subject, outcomes: report.outcomes, ...(lease ? { lease } : {}) });
        const refused = report.outcomes.find((o) => o.status === 'failed' && o.error.code === 'hubspot.session_write_refused');
        if (result.ok && refused?.status === 'failed') {
          patchReady(gen, { rows: result.value, notice: refused.error });
          return;
        }
      }
    }
    if (result.ok) patchReady(gen, { rows: result.value });
    else patchReady(gen, { notice: result.error });
  }

  return {
    state,
    open,
    review: (id, action, value) => {
      const s = ready();
      if (!s) return Promise.resolve();
      return rowsAction(() => deps.send('hubspot.review', value === undefined ? { subject: s.view.subject, id, action } : { subject: s.view.subject, id, action, value }));
    },
    reviewTask: (id, action, content) => {
      const s = ready();
      if (!s) return Promise.resolve();
      return tasksAction(() => deps.send('hubspot.reviewTask', content === undefined ? { subject: s.view.subject, id, action } : { subject: s.view.subject, id, action, content }));
    },
    reviewContact: (id, action) => {
      const s = ready();
      if (!s) return Promise.resolve();
      return contactsAction(() => deps.send('hubspot.reviewContact', { subject: s.view.subject, id, action }));
    },
    writeApproved: write,
    undo: (id) => {
      const s = ready();
      if (!s) return Promise.resolve();
      return rowsAction(() => deps.send('hubspot.undo', { subject: s.view.subject, id }));
    },
  };
}
