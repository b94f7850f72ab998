import type { Send } from '@/lib/protocol/client';
import { canInsert, describeBlocker, lockedAcknowledgements, remainingUnsupported, requiredAcknowledgements, type Gate } from '@/lib/review/policy';
import { replyText, reviewedText } from '@/lib/review/reply-text';
import type { DraftRecord, DraftReview, ReplyMode } from '@/lib/schemas/draft-record';
import type { AppError } from '@/lib/schemas/errors';
import type { RiskFlag } from '@/lib/schemas/lane';
import type { RejectReason, SentenceCheck } from '@/lib/schemas/review';
import { createStore, type Store } from '@/lib/ui/store';
import type { InsertFlow } from './insert-flow';

export const INSERTED_STATUS = "Inserted into Gmail's reply. Review it there and press Send yourself.";
const SAVE_AFTER_MS = 400;

/** What the rep is doing with one draft in the panel. */
export interface ReviewState {
  text: string;
  acknowledged: RiskFlag[];
  unsupportedAcknowledged: boolean;
  mode: ReplyMode;
  /** The background's citation check of each sentence; null until it answered. */
  checks: SentenceCheck[] | null;
  busy: boolean;
  status: string;
  saved: string;
  error: AppError | null;
}

/** What the state means for the gate: computed, never stored. */
export interface ReviewGate {
  gate: Gate;
  required: RiskFlag[];
  /** Acknowledgements that cannot be ticked while a generated sentence states that human decision. */
  locked: RiskFlag[];
  /** Every reason Insert is not available yet, in words. */
  reasons: string[];
  unsupportedLeft: number;
}

export interface ReviewController {
  state: Store<ReviewState>;
  generated: string;
  gate(state: ReviewState, ackLabel: (flag: RiskFlag) => string): ReviewGate;
  setText(text: string): void;
  restoreGenerated(): void;
  setMode(mode: ReplyMode): void;
  acknowledge(flag: RiskFlag, on: boolean): void;
  acknowledgeUnsupported(on: boolean): void;
  insert(): Promise<void>;
  reject(reason: RejectReason, note: string): Promise<void>;
  /** Closing the thread keeps what was typed: a pending save is made now. */
  dispose(): void;
}

export interface ReviewDeps {
  send: Send;
  flow: InsertFlow;
  onRecord: (record: DraftRecord) => void;
}

/**
 * The Gmail review gate's logic, outside React: edits and ticks are saved (debounced for typing), citations are
 * verified once per draft, and Insert goes through the background's approval of exactly this text. The gate shown
 * is the same policy the background enforces again on approval.
 */
export function createReviewController(record: DraftRecord, deps: ReviewDeps): ReviewController {
  const generated = record.draft ? replyText(record.draft) : '';
  const state = createStore<ReviewState>({
    text: reviewedText(record),
    acknowledged: record.review.acknowledged,
    unsupportedAcknowledged: record.review.unsupportedAcknowledged,
    mode: record.review.mode,
    checks: null,
    busy: false,
    status: record.status === 'inserted' ? INSERTED_STATUS : '',
    saved: '',
    error: null,
  });
  const patch = (p: Partial<ReviewState>) => state.set((s) => ({ ...s, ...p }));
  let pending: { timer: ReturnType<typeof setTimeout>; review: DraftReview } | null = null;
  let disposed = false;

  const reviewOf = (s: ReviewState): DraftReview => ({
    editedText: s.text === generated ? null : s.text,
    acknowledged: s.acknowledged,
    unsupportedAcknowledged: s.unsupportedAcknowledged,
    mode: s.mode,
  });
  const current = (s: ReviewState): DraftRecord => ({ ...record, review: reviewOf(s) });

  const save = (review: DraftReview) => {
    if (!disposed) patch({ saved: 'Saving…' });
    void deps.send('draft.saveReview', { draftId: record.id, review }).then((answer) => {
      if (answer.ok) deps.onRecord(answer.value);
      if (!disposed) patch({ saved: answer.ok ? 'Review saved' : `Not saved: ${answer.error.message}` });
    });
  };
  const queueSave = (delay: number) => {
    const review = reviewOf(state.get());
    if (pending) clearTimeout(pending.timer);
    pending = null;
    if (delay === 0) return save(review);
    pending = { review, timer: setTimeout(() => ((pending = null), save(review)), delay) };
  };

  void deps.send('draft.verify', { draftId: record.id }).then((answer) => {
    if (disposed) return;
    if (answer.ok) patch({ checks: answer.value.checks });
    else patch({ error: answer.error });
  });
  if (record.status === 'inserted') deps.flow.watch(record);

  return {
    state,
    generated,
    gate(s, ackLabel) {
      const required = requiredAcknowledgements(record.triage);
      const locked = lockedAcknowledgements(current(s), s.text);
      if (s.checks === null) return { gate: { ok: false, blockers: [] }, required, locked, reasons: ['Checking the citations…'], unsupportedLeft: 0 };
      const gate = canInsert(current(s), s.text, s.checks);
      return {
        gate,
        required,
        locked,
        reasons: gate.ok ? [] : gate.blockers.map((b) => describeBlocker(b, ackLabel)),
        unsupportedLeft: remainingUnsupported(current(s), s.checks, s.text).length,
      };
    },
    setText(text) {
      patch({ text });
      queueSave(SAVE_AFTER_MS);
    },
    restoreGenerated() {
      patch({ text: generated });
      queueSave(0);
    },
    setMode(mode) {
      patch({ mode });
      queueSave(0);
    },
    acknowledge(flag, on) {
      const acknowledged = state.get().acknowledged.filter((f) => f !== flag);
      patch({ acknowledged: on ? [...acknowledged, flag] : acknowledged });
      queueSave(0);
    },
    acknowledgeUnsupported(on) {
      patch({ unsupportedAcknowledged: on });
      queueSave(0);
    },
    async insert() {
      const s = state.get();
      patch({ busy: true, error: null, status: 'Inserting into Gmail…' });
      const result = await deps.flow.insert({ record: current(s), text: s.text, mode: s.mode, acknowledged: s.acknowledged, unsupportedAcknowledged: s.unsupportedAcknowledged });
      if (result.ok) {
        deps.onRecord(result.value);
        patch({ busy: false, status: INSERTED_STATUS });
      } else patch({ busy: false, status: '', error: result.error });
    },
    async reject(reason, note) {
      patch({ busy: true });
      const answer = await deps.send('draft.reject', { draftId: record.id, reason, ...(note ? { note } : {}) });
      patch({ busy: false, ...(answer.ok ? {} : { error: answer.error }) });
      if (answer.ok) deps.onRecord(answer.value);
    },
    dispose() {
      disposed = true;
      if (!pending) return;
      clearTimeout(pending.timer);
      save(pending.review);
      pending = null;
    },
  };
}
