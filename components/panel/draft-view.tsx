import type { InsertFlow } from '@/lib/gmail-lane/panel/insert-flow';
import type { DraftRecord } from '@/lib/schemas/draft-record';
import type { TriageClientMessage } from '@/lib/protocol/triage-port';
import { ErrorState } from './panel-section';
import { ReviewPanel } from './review-panel';

interface Props {
  record: DraftRecord;
  liveText: string;
  onRestart: (mode: Exclude<TriageClientMessage['draftMode'], 'restore'>) => void;
  flow: InsertFlow;
  onRecord: (record: DraftRecord) => void;
}

/** The draft as it streams, then its review: sentences tied to the passages they cite, and the insert gate. */
export function DraftView({ record, liveText, onRestart, flow, onRecord }: Props) {
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
  if (!record.draft) return null;
  // Keyed by draft: a new draft starts a fresh review.
  return <ReviewPanel key={record.id} record={record} flow={flow} onRecord={onRecord} />;
}
