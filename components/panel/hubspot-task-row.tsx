import { useState } from 'react';
import type { PropertyDefinition, TaskContent, TaskRow } from '@/lib/schemas/hubspot';
import { percent } from './labels';
import { onTrusted } from './trusted-event';
import { EvidenceQuote } from './evidence-quote';

interface Props {
  row: TaskRow;
  /** The record's owner property, its options the portal's owners: the choices a task may be assigned to. */
  owners: PropertyDefinition | undefined;
  disabled: boolean;
  onReview: (id: string, action: 'accept' | 'reject' | 'reopen', content?: TaskContent) => void;
}

const STATUS_TEXT: Record<TaskRow['status'], string> = {
  pending: 'To review',
  accepted: 'Approved',
  edited: 'Approved (edited)',
  rejected: 'Rejected',
  created: 'Created in HubSpot',
  failed: 'Not created',
};
const BASIS_TEXT: Record<TaskRow['dueBasis'], string> = { stated: 'stated', 'year-inferred': 'inferred', relative: 'inferred' };

const contentOf = (row: TaskRow) => row.edited ?? row.proposed;
const ownerName = (owners: PropertyDefinition | undefined, id: string | null) => (id === null ? 'Unassigned' : owners?.options.find((o) => o.value === id)?.label ?? `Owner ${id}`);

/** One proposed follow-up task: subject, due day (and whether it was stated or inferred), owner, the text it came from, and the rep's decision. */
export function HubSpotTaskRow({ row, owners, disabled, onReview }: Props) {
  const shown = contentOf(row);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<TaskContent>(shown);
  const accept = () => {
    onReview(row.id, 'accept', editing ? draft : undefined);
    setEditing(false);
  };
  const reviewable = row.status === 'pending' || row.status === 'failed';
  return (
    <li className={`proposal proposal--${row.status}`} data-testid="task-proposal" data-status={row.status}>
      <div className="proposal__head">
        <strong>New task</strong>
        <span className="conf">{percent(row.confidence)}</span>
        <span className="proposal__status" data-testid="task-status">{STATUS_TEXT[row.status]}</span>
      </div>
      <dl className="facts">
        <dt>Subject</dt>
        <dd data-testid="task-subject">
          {editing ? <input type="text" aria-label="Task subject" value={draft.subject} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} /> : shown.subject}
        </dd>
        <dt>Due</dt>
        <dd data-testid="task-due">
          {editing ? (
            <input type="date" aria-label="Task due date" value={draft.dueDay} onChange={(e) => setDraft({ ...draft, dueDay: e.target.value })} />
          ) : (
            <>
              {shown.dueDay} {!row.edited && <span className="muted small">({BASIS_TEXT[row.dueBasis]})</span>}
            </>
          )}
        </dd>
        <dt>Owner</dt>
        <dd data-testid="task-owner">
          {editing ? (
            <select aria-label="Task owner" value={draft.ownerId ?? ''} onChange={(e) => setDraft({ ...draft, ownerId: e.target.value || null })}>
              <option value="">Unassigned</option>
              {(owners?.options ?? []).filter((o) => !o.hidden || o.value === draft.ownerId).map((o) => (
                <option key={o.value} value={o.value}>{o.label}</option>
              ))}
            </select>
          ) : (
            ownerName(owners, shown.ownerId)
          )}
        </dd>
        <dt>Notes</dt>
        <dd data-testid="task-body">
          {editing ? <textarea aria-label="Task notes" rows={3} value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })} /> : shown.body}
        </dd>
        <dt>Why</dt>
        <dd>{row.reason}</dd>
        <dt>Evidence</dt>
        <dd>
          <EvidenceQuote evidence={row.evidence} />
        </dd>
      </dl>
      {row.error && (
        <p className={row.status === 'failed' ? 'error' : 'banner banner--warn'} role="alert" data-testid="task-error">{row.error}</p>
      )}
      {row.created && <p className="small" data-testid="task-created">Created in HubSpot (task {row.created.taskId}), associated with this record.</p>}
      <div className="actions">
        {reviewable && (
          <>
            <button type="button" className="button button--primary" disabled={disabled} onClick={onTrusted(accept)}>Accept</button>
            {!editing && <button type="button" className="button" disabled={disabled} onClick={() => setEditing(true)}>Edit</button>}
            <button type="button" className="button" disabled={disabled} onClick={() => onReview(row.id, 'reject')}>Reject</button>
          </>
        )}
        {(row.status === 'accepted' || row.status === 'edited' || row.status === 'rejected') && (
          <button type="button" className="button" disabled={disabled} onClick={() => onReview(row.id, 'reopen')}>Change decision</button>
        )}
      </div>
    </li>
  );
}
