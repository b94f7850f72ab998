import { useEffect, useState } from 'react';
import { send } from '@/lib/protocol/gmail-client';
import type { HandoffPacket } from '@/lib/schemas/proposal';
import { propertyLabel, valueLabel } from './labels';

/** The handoff packet a lead, RFQ, onboarding or support thread produced, waiting for a rep to approve it in HubSpot. */
interface Props {
  subjectId: string;
  /** Changes when triage moves on (lane known, draft started): the packet is written by then. */
  refreshKey: string;
}

export function ReviewHandoff({ subjectId, refreshKey }: Props) {
  const [packet, setPacket] = useState<HandoffPacket | null>(null);
  useEffect(() => {
    let live = true;
    void send('handoff.forSubject', { subjectId }).then((answer) => live && answer.ok && setPacket(answer.value));
    return () => {
      live = false;
    };
  }, [subjectId, refreshKey]);
  if (!packet) return null;
  const fields = Object.entries(packet.fields);
  const state = packet.nothingWritable ? 'Nothing to hand off' : packet.status === 'waiting' ? 'Waiting for HubSpot' : packet.status === 'consumed' ? 'Taken up in HubSpot' : 'Dismissed';
  return (
    <div className="handoff" data-testid="handoff-packet">
      <p className="handoff__title" data-testid="handoff-summary">
        {state}: {fields.length} {fields.length === 1 ? 'field' : 'fields'} for {packet.contactEmail}
      </p>
      <dl className="facts">
        {fields.map(([name, value]) => (
          <div key={name} style={{ display: 'contents' }}>
            <dt>{propertyLabel(name)}</dt>
            <dd>{valueLabel(name, value)}</dd>
          </div>
        ))}
      </dl>
      {packet.routing && (
        <p className="small" data-testid="handoff-routing">
          Owner by the lane’s routing rule: <strong>{packet.routing.owner}</strong> ({packet.routing.reason})
        </p>
      )}
      {(packet.missing?.length ?? 0) > 0 && (
        <p className="banner banner--warn" data-testid="handoff-missing">
          Incomplete: the thread does not give {packet.missing?.map(propertyLabel).join(', ')}. Ask the customer, or fill {packet.missing?.length === 1 ? 'it' : 'them'} in HubSpot yourself.
        </p>
      )}
      {packet.nothingWritable ? (
        <p className="muted small" data-testid="handoff-nothing-writable">
          The {packet.laneName ?? 'lane'} lane may write none of these fields to HubSpot, so nothing waits there. Update the record yourself, or add the fields to the lane's writable properties.
        </p>
      ) : (
        <p className="muted small">Open the contact, deal or ticket in HubSpot to review and approve these.</p>
      )}
    </div>
  );
}
