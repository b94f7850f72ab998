import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { send } from '@/lib/protocol/client';
import type { SentenceCheck, RejectReason } from '@/lib/schemas/review';
import type { InsertFlow } from '@/lib/gmail-lane/panel/insert-flow';
import { canInsert, describeBlocker, remainingUnsupported, requiredAcknowledgements } from '@/lib/review/policy';
import { replyText, reviewedText } from '@/lib/review/reply-text';
import type { DraftRecord, DraftReview } from '@/lib/schemas/draft-record';
import type { RiskFlag } from '@/lib/schemas/lane';
import { DiffView } from './diff-view';
import { riskLabels } from './labels';
import { ErrorState } from './panel-section';
import { ReviewReject } from './review-reject';
import { ReviewSentences } from './review-sentences';

interface Props {
  record: DraftRecord;
  flow: InsertFlow;
  onRecord: (record: DraftRecord) => void;
}

const SAVE_AFTER_MS = 400;
const INSERTED = "Inserted into Gmail's reply. Review it there and press Send yourself.";

/** The review gate: edit, tick the risks, then insert into Gmail's own reply box. Nothing is ever sent from here. */
export function ReviewPanel({ record, flow, onRecord }: Props) {
  const draft = record.draft!;
  const id = useId();
  const generated = useMemo(() => replyText(draft), [draft]);
  const [text, setText] = useState(() => reviewedText(record));
  const [acknowledged, setAcknowledged] = useState<RiskFlag[]>(record.review.acknowledged);
  const [unsupportedAcknowledged, setUnsupportedAcknowledged] = useState(record.review.unsupportedAcknowledged);
  const [mode, setMode] = useState<DraftReview['mode']>(record.review.mode);
  const [checks, setChecks] = useState<SentenceCheck[] | null>(null);
  const [showDiff, setShowDiff] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState(record.status === 'inserted' ? INSERTED : '');
  const [saved, setSaved] = useState('');
  const [error, setError] = useState<{ message: string; nextStep: string } | null>(null);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; review: DraftReview } | null>(null);

  useEffect(() => {
    let live = true;
    void send('draft.verify', { draftId: record.id }).then((answer) => {
      if (!live) return;
      if (answer.ok) setChecks(answer.value.checks);
      else setError(answer.error);
    });
    if (record.status === 'inserted') flow.watch(record);
    return () => {
      live = false;
    };
    // Verified once per draft: its sentences never change after it is written.
  }, [record.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = (review: DraftReview) => {
    setSaved('Saving…');
    void send('draft.saveReview', { draftId: record.id, review }).then((answer) => {
      if (answer.ok) {
        onRecord(answer.value);
        setSaved('Review saved');
      } else setSaved(`Not saved: ${answer.error.message}`);
    });
  };
  const queueSave = (review: DraftReview, delay: number) => {
    if (pending.current) clearTimeout(pending.current.timer);
    if (delay === 0) {
      pending.current = null;
      return save(review);
    }
    pending.current = { review, timer: setTimeout(() => ((pending.current = null), save(review)), delay) };
  };
  // Closing the thread keeps what was typed.
  useEffect(
    () => () => {
      if (!pending.current) return;
      clearTimeout(pending.current.timer);
      save(pending.current.review);
    },
    [], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const review = (patch: Partial<DraftReview>): DraftReview => ({
    editedText: text === generated ? null : text,
    acknowledged,
    unsupportedAcknowledged,
    mode,
    ...patch,
  });

  const current: DraftRecord = { ...record, review: review({}) };
  const required = requiredAcknowledgements(record.triage);
  const gate = checks === null ? { ok: false as const, blockers: [] } : canInsert(current, text, checks);
  const reasons = checks === null ? ['Checking the citations…'] : gate.ok ? [] : gate.blockers.map((b) => describeBlocker(b, (f) => riskLabels[f].acknowledgement));
  const unsupportedLeft = checks ? remainingUnsupported(current, checks, text).length : 0;
  const resolved = record.status === 'sent' || record.status === 'discarded' || record.status === 'rejected';

  const insert = async () => {
    setBusy(true);
    setError(null);
    setStatus('Inserting into Gmail…');
    const result = await flow.insert({ record: current, text, mode, acknowledged, unsupportedAcknowledged });
    setBusy(false);
    if (result.ok) {
      onRecord(result.value);
      setStatus(INSERTED);
    } else {
      setStatus('');
      setError(result.error);
    }
  };
  const reject = async (reason: RejectReason, note: string) => {
    setBusy(true);
    const answer = await send('draft.reject', { draftId: record.id, reason, ...(note ? { note } : {}) });
    setBusy(false);
    if (answer.ok) onRecord(answer.value);
    else setError(answer.error);
  };

  if (resolved) {
    const words = { sent: 'Sent from Gmail. The final text was recorded.', discarded: 'The reply was discarded in Gmail.', rejected: 'Draft rejected. Your reason was saved as feedback.' };
    return (
      <p className="banner" role="status" data-testid={`draft-${record.status}`}>
        {words[record.status as keyof typeof words]}
      </p>
    );
  }

  return (
    <div data-testid="draft-ready">
      {draft.abstained ? (
        <div className="banner banner--warn" role="note" data-testid="draft-abstained">
          <p className="banner__line">
            <strong>The SOPs don't cover this question</strong>, so no answer was drafted.
          </p>
          <p className="banner__line">
            Escalate to <strong data-testid="escalate-to">{draft.escalateTo ?? record.triage.lane?.escalateTo ?? 'a lead'}</strong>. You can send the short holding reply below meanwhile.
          </p>
        </div>
      ) : (
        draft.escalateTo && (
          <p className="banner banner--warn" role="note">
            Needs a human judgement: escalate to <strong>{draft.escalateTo}</strong> before replying.
          </p>
        )
      )}
      <ReviewSentences draft={draft} checks={checks} />

      <label className="field-label" htmlFor={`${id}-text`}>
        {draft.abstained ? 'Holding reply' : 'Reply text (edit before inserting)'}
      </label>
      <textarea
        id={`${id}-text`}
        className="review-text"
        data-testid="review-text"
        rows={10}
        maxLength={20_000}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          queueSave(review({ editedText: e.target.value === generated ? null : e.target.value }), SAVE_AFTER_MS);
        }}
      />
      <div className="review-row">
        <button type="button" className="link" aria-expanded={showDiff} aria-controls={`${id}-diff`} onClick={() => setShowDiff(!showDiff)}>
          {showDiff ? 'Hide changes' : 'Show changes'}
        </button>
        {text !== generated && (
          <button type="button" className="link" onClick={() => (setText(generated), queueSave(review({ editedText: null }), 0))}>
            Restore the generated text
          </button>
        )}
        <span className="muted small" aria-live="polite" data-testid="review-saved">
          {saved}
        </span>
      </div>
      {showDiff && (
        <div id={`${id}-diff`}>
          <DiffView generated={generated} edited={text} />
        </div>
      )}

      <fieldset className="review-group">
        <legend>Answer with</legend>
        {(['reply', 'replyAll'] as const).map((m) => (
          <label key={m} className="choice">
            <input
              type="radio"
              name={`${id}-mode`}
              value={m}
              checked={mode === m}
              onChange={() => (setMode(m), queueSave(review({ mode: m }), 0))}
            />
            {m === 'reply' ? 'Reply' : 'Reply all'}
          </label>
        ))}
      </fieldset>

      {(required.length > 0 || unsupportedLeft > 0) && (
        <fieldset className="review-group" data-testid="review-checks">
          <legend>Before inserting</legend>
          {required.map((flag) => (
            <label key={flag} className="choice">
              <input
                type="checkbox"
                data-flag={flag}
                checked={acknowledged.includes(flag)}
                onChange={(e) => {
                  const next = e.target.checked ? [...acknowledged, flag] : acknowledged.filter((f) => f !== flag);
                  setAcknowledged(next);
                  queueSave(review({ acknowledged: next }), 0);
                }}
              />
              {riskLabels[flag].acknowledgement}
            </label>
          ))}
          {unsupportedLeft > 0 && (
            <label className="choice">
              <input
                type="checkbox"
                checked={unsupportedAcknowledged}
                onChange={(e) => (setUnsupportedAcknowledged(e.target.checked), queueSave(review({ unsupportedAcknowledged: e.target.checked }), 0))}
              />
              I checked the unsupported sentences
            </label>
          )}
        </fieldset>
      )}

      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="insert-reply"
          disabled={!gate.ok || busy}
          aria-describedby={reasons.length > 0 ? `${id}-blockers` : undefined}
          onClick={() => void insert()}
        >
          Insert into reply
        </button>
      </div>
      {reasons.length > 0 && (
        <ul id={`${id}-blockers`} className="blockers small" data-testid="insert-blockers" aria-label="Why Insert is not available yet">
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      <p className="review-status" role="status" aria-live="polite" data-testid="review-status">
        {status}
      </p>
      {error && <ErrorState message={error.message} nextStep={error.nextStep} />}
      <ReviewReject busy={busy} onReject={(reason, note) => void reject(reason, note)} />
    </div>
  );
}
