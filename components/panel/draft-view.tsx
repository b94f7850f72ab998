import type { DraftRecord } from '@/lib/schemas/draft-record';
import type { TriageClientMessage } from '@/lib/protocol/triage-port';
import { ErrorState } from './panel-section';

interface Props {
  record: DraftRecord;
  liveText: string;
  onRestart: (mode: Exclude<TriageClientMessage['draftMode'], 'restore'>) => void;
}

/** The draft as it streams, then as sentences tied to the passages they cite. */
export function DraftView({ record, liveText, onRestart }: Props) {
  if (record.status === 'generating') {
    return (
      <div data-testid="draft-streaming" aria-busy="true">
        <p className="draft draft--live" aria-live="polite">
          {liveText || 'Writing a draft from the SOPs…'}
        </p>
      </div>
    );
  }
  if (record.status === 'interrupted' || record.status === 'failed') {
    return (
      <div data-testid={`draft-${record.status}`}>
        {record.status === 'failed' && record.error ? (
          <ErrorState message={record.error.message} nextStep={record.error.nextStep} />
        ) : (
          <p className="banner banner--warn">The draft was interrupted (the extension restarted). What was written so far is kept.</p>
        )}
        {record.partialText && <p className="draft draft--partial">{record.partialText}</p>}
        <div className="actions">
          {record.status === 'interrupted' && (
            <button type="button" className="button" onClick={() => onRestart('continue')}>
              Continue
            </button>
          )}
          <button type="button" className="button" onClick={() => onRestart('regenerate')}>
            Regenerate
          </button>
        </div>
      </div>
    );
  }
  const draft = record.draft;
  if (!draft) return null;
  return (
    <div data-testid="draft-ready">
      {draft.abstained && (
        <p className="banner banner--warn" data-testid="draft-abstained">
          The SOPs do not cover this question, so no answer was drafted. Escalate to <strong>{draft.escalateTo ?? 'a lead'}</strong>; a short holding reply is below.
        </p>
      )}
      <p className="draft" data-testid="draft-text">
        {draft.sentences.map((s, i) => {
          const unsupported = s.kind === 'claim' && s.citations.length === 0;
          return (
            <span key={i} className={unsupported ? 'sentence sentence--unsupported' : 'sentence'} title={unsupported ? 'No SOP passage supports this sentence' : undefined}>
              {s.text}
              {s.citations.map((n) => (
                <sup key={n} className="cite">
                  [{n}]
                </sup>
              ))}{' '}
            </span>
          );
        })}
      </p>
    </div>
  );
}
