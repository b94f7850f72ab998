import type { HandoffPacket } from '@/lib/schemas/proposal';
import { humanize, propertyLabel } from './labels';

/** Handoff packets from Gmail waiting for this record; their fields appear as proposals below, or the note says where they go. */
export function HubSpotHandoffs({ handoffs, notes }: { handoffs: HandoffPacket[]; notes: Map<string, string> }) {
  if (handoffs.length === 0) return <p className="empty">No handoffs from Gmail wait for this record.</p>;
  return (
    <ul className="handoffs" data-testid="handoffs">
      {handoffs.map((h) => (
        <li key={h.id} className="handoff" data-testid="handoff">
          <strong>{h.laneName ?? humanize(h.lane)}</strong> <span className="muted">from {h.contactEmail}{h.company ? ` (${h.company})` : ''}</span>
          <div className="small muted">{Object.keys(h.fields).map(propertyLabel).join(', ')}</div>
          {notes.has(h.id) && (
            <div className="small" data-testid="handoff-note">
              {notes.get(h.id)}
            </div>
          )}
          {(h.missing?.length ?? 0) > 0 && (
            <div className="small" data-testid="handoff-missing">
              Incomplete: missing {h.missing?.map(propertyLabel).join(', ')}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
