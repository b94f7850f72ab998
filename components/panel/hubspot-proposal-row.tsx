import { useState } from 'react';
import { displayValue } from '@/lib/hubspot-lane/shared/record-view';
import { valueToWrite } from '@/lib/hubspot-lane/shared/proposal-row';
import type { ProposalRow, PropertyDefinition } from '@/lib/schemas/hubspot';
import { percent } from './labels';
import { onTrusted } from './trusted-event';
import { EvidenceQuote } from './evidence-quote';

interface Props {
  row: ProposalRow;
  disabled: boolean;
  onReview: (id: string, action: 'accept' | 'reject' | 'reopen', value?: string) => void;
  onUndo: (id: string) => void;
}

const STATUS_TEXT: Record<ProposalRow['proposal']['status'], string> = {
  pending: 'To review',
  accepted: 'Approved',
  edited: 'Approved (edited)',
  rejected: 'Rejected',
  written: 'Written',
  conflict: 'Conflict: not written',
  failed: 'Not written',
};

const shown = (def: PropertyDefinition, value: string | null) => (value === null || value === '' ? '(empty)' : displayValue(def.name, value, [def], [], []));
const isDate = (def: PropertyDefinition) => def.type === 'date' || def.type === 'datetime';

/** The input control a property's type calls for; dates are edited as days and written in the property's own form. */
function ValueControl({ def, value, onChange }: { def: PropertyDefinition; value: string; onChange: (v: string) => void }) {
  const label = `New ${def.label}`;
  if (def.type === 'enumeration' && def.fieldType !== 'checkbox') {
    return (
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        {def.options.filter((o) => !o.hidden || o.value === value).map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    );
  }
  if (def.type === 'bool') {
    return (
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="true">Yes</option>
        <option value="false">No</option>
      </select>
    );
  }
  if (isDate(def)) {
    return <input type="date" aria-label={label} value={value.slice(0, 10)} onChange={(e) => onChange(def.type === 'datetime' && e.target.value ? `${e.target.value}T00:00:00.000Z` : e.target.value)} />;
  }
  if (def.type === 'number') return <input type="number" step="any" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />;
  if (def.fieldType === 'textarea') return <textarea aria-label={label} value={value} rows={3} onChange={(e) => onChange(e.target.value)} />;
  return <input type="text" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />;
}

/** One proposed field update: what it is now, what it would be, why, the evidence, and the rep's decision. */
export function HubSpotProposalRow({ row, disabled, onReview, onUndo }: Props) {
  const p = row.proposal;
  const def = row.definition;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(valueToWrite(row));
  const accept = () => {
    onReview(row.id, 'accept', editing ? draft : undefined);
    setEditing(false);
  };
  const reviewable = p.status === 'pending' || p.status === 'failed';
  return (
    <li className={`proposal proposal--${p.status}`} data-testid="proposal" data-property={p.property} data-status={p.status}>
      <div className="proposal__head">
        <strong>{p.label}</strong>
        {p.humanDecision && <span className="decision" title="The lane leaves this decision to a person">decision: human</span>}
        <span className="conf">{percent(p.confidence)}</span>
        <span className="proposal__status" data-testid="proposal-status">{STATUS_TEXT[p.status]}</span>
      </div>
      <dl className="facts">
        <dt>Current</dt>
        <dd data-testid="proposal-current">{shown(def, p.currentValue)}</dd>
        <dt>Proposed</dt>
        <dd data-testid="proposal-value">
          {editing ? <ValueControl def={def} value={draft} onChange={setDraft} /> : shown(def, valueToWrite(row))}
          {p.status === 'edited' && <span className="muted small"> (was {shown(def, p.proposedValue)})</span>}
        </dd>
        <dt>Why</dt>
        <dd>{p.reason}</dd>
        <dt>Evidence</dt>
        <dd>
          <EvidenceQuote evidence={p.evidence} />
        </dd>
      </dl>
      {row.conflict && (
        <div className="error" role="alert" data-testid="proposal-conflict">
          <p className="error__message">Someone changed {p.label} in HubSpot since this was proposed.</p>
          <p>Theirs (now): {shown(def, row.conflict.theirs)} · Ours: {shown(def, row.conflict.ours)} · When proposed: {shown(def, row.conflict.base)}</p>
        </div>
      )}
      {p.error && (
        <p className={p.status === 'failed' ? 'error' : 'banner banner--warn'} role="alert" data-testid="proposal-error">{p.error}</p>
      )}
      {row.written && (
        <p className="small" data-testid="proposal-written">
          Written: {shown(def, row.written.before)} → {shown(def, row.written.after)}
        </p>
      )}
      <div className="actions">
        {reviewable && (
          <>
            <button type="button" className="button button--primary" disabled={disabled} onClick={onTrusted(accept)}>Accept</button>
            {!editing && <button type="button" className="button" disabled={disabled} onClick={() => setEditing(true)}>Edit</button>}
            <button type="button" className="button" disabled={disabled} onClick={() => onReview(row.id, 'reject')}>Reject</button>
          </>
        )}
        {(p.status === 'accepted' || p.status === 'edited' || p.status === 'rejected' || p.status === 'conflict') && (
          <button type="button" className="button" disabled={disabled} onClick={() => onReview(row.id, 'reopen')}>
            {p.status === 'conflict' ? 'Review again' : 'Change decision'}
          </button>
        )}
        {p.status === 'written' && (
          <button type="button" className="button" disabled={disabled} onClick={() => onUndo(row.id)}>Undo</button>
        )}
      </div>
    </li>
  );
}
