import type { HubSpotPanelController } from '@/lib/hubspot-lane/panel/panel-controller';
import { isApproved, packetConsumed } from '@/lib/hubspot-lane/shared/proposal-row';
import { useStore } from '@/lib/ui/use-store';
import { HubSpotFindings } from './hubspot-findings';
import { HubSpotHandoffs } from './hubspot-handoffs';
import { HubSpotProposalRow } from './hubspot-proposal-row';
import { HubSpotTaskRow } from './hubspot-task-row';
import { HubSpotContactRow } from './hubspot-contact-row';
import { HubSpotActivity, HubSpotRecordFacts, HubSpotReadNotes } from './hubspot-record-facts';
import { EmptyState, ErrorState, PanelSection } from './panel-section';
import { onTrusted } from './trusted-event';

const STATE_TITLES: Record<string, string> = {
  'hubspot.not_signed_in': 'Not signed in',
  'hubspot.no_permission': 'No permission',
  'hubspot.missing_scopes': 'The token lacks a scope',
  'hubspot.not_found': 'Record not found',
  'hubspot.session_write_refused': 'HubSpot refused the write',
};

/** The HubSpot panel: the open record, waiting handoffs, and proposed updates the rep accepts, edits or rejects. */
export function HubSpotPanel({ controller }: { controller: HubSpotPanelController }) {
  const s = useStore(controller.state);
  if (s.kind === 'no-record') return <EmptyState>Open a contact, company, deal or ticket to see proposed field updates.</EmptyState>;
  if (s.kind === 'loading') return <p className="empty" role="status">Reading the record from HubSpot…</p>;
  if (s.kind === 'error') {
    return (
      <div data-testid="record-state" data-code={s.error.code}>
        <h2 className="section__title">{STATE_TITLES[s.error.code] ?? 'Cannot read this record'}</h2>
        <ErrorState message={s.error.message} nextStep={s.error.nextStep} />
      </div>
    );
  }
  const approvedTasks = s.tasks.filter((t) => (t.status === 'accepted' || t.status === 'edited') && t.approvalHash !== null).length;
  const approvedContacts = s.contacts.filter((c) => c.status === 'accepted' && c.approvalHash !== null).length;
  const approved = s.rows.filter(isApproved).length + approvedTasks + approvedContacts;
  const owners = s.view.definitions.find((d) => d.name === 'hubspot_owner_id');
  // Reasons a waiting packet proposes nothing here (another record type, a closed ticket) show on the packet itself.
  const packetIds = new Set(s.handoffs.map((h) => h.id));
  const handoffNotes = new Map(s.ignoredSources.filter((i) => packetIds.has(i.ref)).map((i) => [i.ref, i.reason]));
  const instructionSources = s.ignoredSources.filter((i) => !packetIds.has(i.ref));
  return (
    <>
      <PanelSection id="record" title="Record">
        <HubSpotRecordFacts view={s.view} mode={s.mode} />
        <HubSpotReadNotes view={s.view} />
      </PanelSection>
      <PanelSection id="activity" title="Recent activity">
        <HubSpotActivity view={s.view} />
      </PanelSection>
      <PanelSection id="handoffs" title="Waiting handoffs">
        {/* A packet leaves the list as soon as its last row is written or rejected, as the background consumes it. */}
        <HubSpotHandoffs handoffs={s.handoffs.filter((h) => !packetConsumed(h.id, s.rows) && !s.contacts.some((c) => c.handoffId === h.id && c.status === 'created'))} notes={handoffNotes} />
      </PanelSection>
      {s.findings.length > 0 && (
        <PanelSection id="findings" title="Pipeline gaps">
          <HubSpotFindings findings={s.findings} />
        </PanelSection>
      )}
      <PanelSection id="proposals" title="Proposed updates">
        {instructionSources.length > 0 && (
          <p className="banner banner--warn" data-testid="ignored-sources">
            {instructionSources.length === 1 ? 'One source was' : `${instructionSources.length} sources were`} not used: it addresses the system with instructions, so nothing in it is taken as evidence.
          </p>
        )}
        {s.notice && (
          <div data-testid="panel-notice">
            <ErrorState message={s.notice.message} nextStep={s.notice.nextStep} />
          </div>
        )}
        {s.busy && <p className="banner banner--warn" role="status" data-testid="busy">HubSpot is busy, retrying…</p>}
        {s.rows.length === 0 && s.tasks.length === 0 && s.contacts.length === 0 ? (
          <EmptyState>No updates to propose for this record.</EmptyState>
        ) : (
          <ul className="proposals" data-testid="proposals">
            {s.rows.map((row) => (
              <HubSpotProposalRow key={row.id} row={row} disabled={s.writing} onReview={(id, action, value) => void controller.review(id, action, value)} onUndo={(id) => void controller.undo(id)} />
            ))}
            {s.contacts.map((row) => (
              <HubSpotContactRow key={row.id} row={row} disabled={s.writing} onReview={(id, action) => void controller.reviewContact(id, action)} />
            ))}
            {s.tasks.map((row) => (
              <HubSpotTaskRow key={row.id} row={row} owners={owners} disabled={s.writing} onReview={(id, action, content) => void controller.reviewTask(id, action, content)} />
            ))}
          </ul>
        )}
        <div className="actions">
          <button type="button" className="button button--primary" disabled={approved === 0 || s.writing} onClick={onTrusted(() => void controller.writeApproved())} data-testid="write-approved">
            {s.writing ? 'Writing…' : `Write approved (${approved})`}
          </button>
        </div>
      </PanelSection>
    </>
  );
}
