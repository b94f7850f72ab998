import type { GmailRead } from '@/lib/schemas/thread';
import { EmptyState, ErrorState, PanelSection } from './panel-section';
import { ThreadFacts } from './thread-facts';

interface Props {
  read: GmailRead | null;
}

/** The panel body in Gmail: what was read, then the triage sections later work fills in. */
export function GmailPanel({ read }: Props) {
  if (!read) return <EmptyState>Reading the page…</EmptyState>;
  if (read.kind === 'list') {
    return (
      <div data-testid="state-list">
        <EmptyState>Open a thread to triage it.</EmptyState>
      </div>
    );
  }
  if (read.kind === 'unreadable') {
    return (
      <div data-testid="state-unreadable">
        <ErrorState
          message={`Can't read this thread: ${read.reason}`}
          nextStep="Nothing was changed. Triage this thread by hand; the panel will retry when the page changes."
        />
      </div>
    );
  }
  return (
    <>
      <PanelSection id="thread" title="Thread">
        <ThreadFacts thread={read.thread} />
      </PanelSection>
      <PanelSection id="classification" title="Classification">
        <EmptyState>Lane, category, urgency and risk flags will show here.</EmptyState>
      </PanelSection>
      <PanelSection id="sops" title="SOP passages">
        <EmptyState>The most relevant SOP passages will show here.</EmptyState>
      </PanelSection>
      <PanelSection id="draft" title="Draft reply">
        <EmptyState>A draft grounded on your SOPs will show here, for you to review.</EmptyState>
      </PanelSection>
    </>
  );
}
