import type { Engagement, RecordView } from '@/lib/schemas/hubspot';
import { engagementLabel, inferredDates, MAX_ENGAGEMENTS } from '@/lib/hubspot-lane/shared/record-activity';
import { formatDay } from '@/lib/ui/formats';

/** The open record as read through HubSpot's API, and which path reads and writes it. */
export function HubSpotRecordFacts({ view, mode }: { view: RecordView; mode: 'session' | 'token' }) {
  return (
    <dl className="facts" data-testid="record-facts">
      <dt>{view.typeLabel}</dt>
      <dd data-testid="fact-name">{view.name}</dd>
      <dt>Owner</dt>
      <dd data-testid="fact-owner">{view.owner ?? <span className="muted">No owner</span>}</dd>
      <dt>Stage</dt>
      <dd data-testid="fact-stage">{view.stage?.label ?? <span className="muted">Not set</span>}</dd>
      <dt>Writes via</dt>
      <dd data-testid="fact-path">{mode === 'token' ? 'Private-app token (set by an admin)' : 'Your HubSpot session'}</dd>
    </dl>
  );
}

const SKIPPED_NOUNS: Record<NonNullable<RecordView['skipped']>[number]['source'], [string, string]> = {
  definitions: ['property definition', 'property definitions'],
  owners: ['owner', 'owners'],
  history: ['history entry', 'history entries'],
  activity: ['logged activity', 'logged activities'],
};

const UNAVAILABLE_EFFECT: Record<NonNullable<RecordView['unavailable']>[number]['source'], string> = {
  owners: 'Owners could not be read, so owners show by id and owner updates are held',
  pipelines: 'Pipelines could not be read, so stage updates are held',
  activity: 'Some logged activity (notes, emails, calls, meetings, tasks) could not be read, so it is neither shown nor used as evidence',
};

/** What HubSpot sent that the panel could not use: entries of an unexpected shape, option sources it could not read. */
export function HubSpotReadNotes({ view }: { view: RecordView }) {
  const skipped = view.skipped ?? [];
  const parts = skipped.map(({ source, count }) => `${count} ${SKIPPED_NOUNS[source][count === 1 ? 0 : 1]}`);
  return (
    <>
      {parts.length > 0 && (
        <p className="banner banner--warn small" data-testid="read-skipped">
          Left out, as HubSpot sent them in a form this panel does not read: {parts.join(', ')}. The rest of the record is shown; if a field you expect is missing, report it with the time.
        </p>
      )}
      {(view.unavailable ?? []).map(({ source, error }) => (
        <p key={source} className="banner banner--warn small" data-testid="read-unavailable" data-source={source}>
          {UNAVAILABLE_EFFECT[source]}: {error.message} {error.nextStep}
        </p>
      ))}
    </>
  );
}

/** One logged engagement: its type, day and title, the start of its text, and each date it names without a year, as inferred. */
function EngagementItem({ e }: { e: Engagement }) {
  const dates = inferredDates(e);
  return (
    <li data-testid="engagement" data-type={e.type}>
      <strong>{engagementLabel(e)}</strong>
      {e.status ? <span className="muted"> · {e.status}</span> : null}
      {e.text && <div className="small engagement__text" data-testid="engagement-text">{e.text}</div>}
      {dates.map((d) => (
        <div key={d.text} className="muted small" data-testid="engagement-date">
          "{d.text}" read as {d.day} ({d.basis === 'relative' ? 'counted' : 'year inferred'} from the date of this {e.type})
        </div>
      ))}
    </li>
  );
}

/** What the record's activity is: the engagements logged on it, then the latest changes to key fields from the property history. */
export function HubSpotActivity({ view }: { view: RecordView }) {
  const engagements = view.engagements ?? [];
  return (
    <>
      <p className="muted small">Notes, emails, calls, meetings and tasks logged on this record (newest first, at most {MAX_ENGAGEMENTS}), then the property history of stage, status, owner, amount and dates{view.notes.length > 0 ? `, plus the ${view.notes.map((n) => n.label.toLowerCase()).join(', ')}` : ''}.</p>
      {engagements.length === 0 ? (
        <p className="empty" data-testid="engagements-empty">No activity logged.</p>
      ) : (
        <ul className="activity" data-testid="engagements">
          {engagements.map((e) => (
            <EngagementItem key={e.ref} e={e} />
          ))}
        </ul>
      )}
      {view.activity.length === 0 ? (
        <p className="empty">No changes recorded.</p>
      ) : (
        <ul className="activity" data-testid="activity">
          {view.activity.map((a, i) => (
            <li key={i}>
              {a.text} <span className="muted">· {formatDay(a.at)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
