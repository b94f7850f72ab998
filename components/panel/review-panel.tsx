import { useEffect, useId, useState } from 'react';
import { send } from '@/lib/protocol/gmail-client';
import { createReviewController } from '@/lib/gmail-lane/panel/review-controller';
import { useStore } from '@/lib/ui/use-store';
import type { InsertFlow } from '@/lib/gmail-lane/panel/insert-flow';
import type { DraftRecord } from '@/lib/schemas/draft-record';
import { DiffView } from './diff-view';
import { riskLabels } from './labels';
import { ErrorState } from './panel-section';
import { ReviewReject } from './review-reject';
import { ReviewSentences } from './review-sentences';
import { DraftChecklist, ReviewNotes } from './draft-checklist';
import { PlaceholderFields } from './placeholder-fields';
import { onTrusted } from './trusted-event';

interface Props {
  record: DraftRecord;
  flow: InsertFlow;
  onRecord: (record: DraftRecord) => void;
}


/** The review gate: edit, tick the risks, then insert into Gmail's own reply box. Nothing is ever sent from here. */
export function ReviewPanel({ record, flow, onRecord }: Props) {
  const draft = record.draft!;
  const id = useId();
  // One controller per draft (the component is keyed by draft id); closing the thread saves what was typed.
  const [controller] = useState(() => createReviewController(record, { send, flow, onRecord }));
  useEffect(() => () => controller.dispose(), [controller]);
  const s = useStore(controller.state);
  const [showDiff, setShowDiff] = useState(false);
  const { gate, required, locked, reasons, unsupportedLeft } = controller.gate(s, (f) => riskLabels[f].acknowledgement);
  const { generated } = controller;
  const { text, mode, acknowledged, unsupportedAcknowledged, busy, status, saved, error } = s;
  const resolved = record.status === 'sent' || record.status === 'discarded' || record.status === 'rejected';

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
      <label className="field-label" htmlFor={`${id}-text`}>
        {draft.abstained ? 'Holding reply' : 'Reply text (edit before inserting)'}
      </label>
      <textarea
        id={`${id}-text`}
        className="review-text"
        data-testid="review-text"
        rows={8}
        maxLength={20_000}
        value={text}
        onChange={onTrusted((e) => controller.setText(e.target.value))}
      />
      <PlaceholderFields text={text} onText={(t) => controller.setText(t)} />
      <ReviewNotes draft={draft} />
      <div className="review-row">
        <button type="button" className="link" aria-expanded={showDiff} aria-controls={`${id}-diff`} onClick={() => setShowDiff(!showDiff)}>
          {showDiff ? 'Hide changes' : 'Show changes'}
        </button>
        {text !== generated && (
          <button type="button" className="link" onClick={() => controller.restoreGenerated()}>
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
              onChange={() => controller.setMode(m)}
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
                checked={acknowledged.includes(flag) && !locked.includes(flag)}
                disabled={locked.includes(flag)}
                title={locked.includes(flag) ? 'A sentence of the draft states what a person decides: edit it first.' : undefined}
                onChange={onTrusted((e) => controller.acknowledge(flag, e.target.checked))}
              />
              {riskLabels[flag].acknowledgement}
            </label>
          ))}
          {unsupportedLeft > 0 && (
            <label className="choice">
              <input
                type="checkbox"
                checked={unsupportedAcknowledged}
                onChange={onTrusted((e) => controller.acknowledgeUnsupported(e.target.checked))}
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
          onClick={onTrusted(() => void controller.insert())}
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
      {/* Below the next action: where each sentence comes from, and the rep's own to-do list. */}
      <details className="fold" open={unsupportedLeft > 0} data-testid="draft-sources">
        <summary>Each sentence and the SOP passage it cites{unsupportedLeft > 0 ? ` (${unsupportedLeft} unsupported)` : ''}</summary>
        <ReviewSentences draft={draft} checks={s.checks} />
      </details>
      <DraftChecklist draft={draft} />
      <ReviewReject busy={busy} onReject={(reason, note) => void controller.reject(reason, note)} />
    </div>
  );
}
