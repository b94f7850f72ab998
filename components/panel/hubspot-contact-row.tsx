import type { ContactRow } from '@/lib/schemas/hubspot';
import { propertyLabel } from './labels';
import { onTrusted } from './trusted-event';
import { EvidenceQuote } from './evidence-quote';

interface Props {
  row: ContactRow;
  disabled: boolean;
  onReview: (id: string, action: 'accept' | 'reject' | 'reopen') => void;
}

const STATUS_TEXT: Record<ContactRow['status'], string> = {
  pending: 'To review',
  accepted: 'Approved',
  rejected: 'Rejected',
  created: 'Created in HubSpot',
  failed: 'Not created',
};

/** A new contact proposed from a lead's handoff: each property with why and the customer's sentence, created only once approved. */
export function HubSpotContactRow({ row, disabled, onReview }: Props) {
  const p = row.proposed.properties;
  const name = [p.firstname, p.lastname].filter(Boolean).join(' ') || p.email || 'New contact';
  const reviewable = row.status === 'pending' || row.status === 'failed';
  return (
    <li className={`proposal proposal--${row.status}`} data-testid="contact-proposal" data-status={row.status}>
      <div className="proposal__head">
        <strong>Create contact</strong> <span data-testid="contact-name">{name}</span>
        <span className="proposal__status" data-testid="contact-status">{STATUS_TEXT[row.status]}</span>
      </div>
      <p className="small muted">{row.proposed.companyId ? 'Associated with this company as its primary company.' : 'Not associated with a company.'}</p>
      <dl className="facts">
        {row.details.map((d) => (
          <div key={d.property} data-testid="contact-property" data-property={d.property}>
            <dt>{propertyLabel(d.property)}</dt>
            <dd>
              <span data-testid="contact-value">{d.display}</span>
              <div className="small">{d.reason}</div>
              <div className="small"><EvidenceQuote evidence={{ quote: d.quote, source: row.source }} /></div>
            </dd>
          </div>
        ))}
      </dl>
      {row.error && <p className={row.status === 'failed' ? 'error' : 'banner banner--warn'} role="alert" data-testid="contact-error">{row.error}</p>}
      {row.created && <p className="small" data-testid="contact-created">Created in HubSpot (contact {row.created.contactId}).</p>}
      <div className="actions">
        {reviewable && (
          <>
            <button type="button" className="button button--primary" disabled={disabled} onClick={onTrusted(() => onReview(row.id, 'accept'))}>Accept</button>
            <button type="button" className="button" disabled={disabled} onClick={() => onReview(row.id, 'reject')}>Reject</button>
          </>
        )}
        {(row.status === 'accepted' || row.status === 'rejected') && (
          <button type="button" className="button" disabled={disabled} onClick={() => onReview(row.id, 'reopen')}>Change decision</button>
        )}
      </div>
    </li>
  );
}
