import type { InsertFlow } from '@/lib/gmail-lane/panel/insert-flow';
import type { GmailRead } from '@/lib/schemas/thread';
import { unreadableWords } from '@/lib/sites/gmail/diagnostic';
import type { TriageClient } from '@/lib/gmail-lane/panel/triage-client';
import { useStore } from '@/lib/ui/use-store';
import { ClassificationView } from './classification-view';
import { DraftView } from './draft-view';
import { EmptyState, ErrorState, PanelSection } from './panel-section';
import { ReviewHandoff } from './review-handoff';
import { SopPassages } from './sop-passages';
import { ThreadFacts } from './thread-facts';
import { UsageLine } from './usage-line';

interface Props {
  read: GmailRead | null;
  triage: TriageClient;
  flow: InsertFlow;
}

/** The panel body in Gmail: what was read, its triage, the SOP passages and the draft for review. */
export function GmailPanel({ read, triage, flow }: Props) {
  const view = useStore(triage.view);
  if (!read) return <EmptyState>Reading the page…</EmptyState>;
  if (read.kind === 'list') {
    return (
      <div data-testid="state-list">
        <EmptyState>Open a thread to triage it.</EmptyState>
      </div>
    );
  }
  if (read.kind === 'unreadable') {
    const words = unreadableWords(read);
    return (
      <div data-testid="state-unreadable" data-step={read.step}>
        <ErrorState
          message={`Can't read this thread: ${words.headline}`}
          nextStep="Nothing was changed. Triage this thread by hand; the panel will retry when the page changes. To report it, send your admin the line below."
        />
        <p className="small" data-testid="unreadable-step">
          Step that failed: {words.step}
        </p>
        <p className="small mono" data-testid="unreadable-for-admin">
          {words.forAdmin}
        </p>
      </div>
    );
  }
  const current = view.subjectId === `gmail:${read.thread.threadId}`;
  return (
    <>
      <PanelSection id="thread" title="Thread">
        <ThreadFacts thread={read.thread} />
      </PanelSection>
      {current && view.error && <ErrorState message={view.error.message} nextStep={view.error.nextStep} />}
      <PanelSection id="draft" title="Draft reply">
        {current && view.draft ? (
          <DraftView
            record={view.draft}
            liveText={view.liveText}
            onRestart={(mode) => view.input && triage.start(view.subjectId!, view.input, mode)}
            flow={flow}
            onRecord={triage.setDraft}
          />
        ) : (
          <EmptyState>{current && view.triage ? 'This lane does not draft replies.' : 'A draft grounded on your SOPs will show here.'}</EmptyState>
        )}
      </PanelSection>
      <PanelSection id="classification" title="Classification">
        {current && view.triage ? (
          <>
            <ClassificationView result={view.triage} engineError={view.engineError} onCorrect={triage.correct} onRoute={triage.route} onRetry={() => view.input && triage.start(view.subjectId!, view.input, 'restore')} />
            {view.triage.engine === 'claude' && view.subjectId && <UsageLine subjectId={view.subjectId} refreshKey={view.draft?.status ?? ''} />}
          </>
        ) : (
          <EmptyState>Classifying…</EmptyState>
        )}
      </PanelSection>
      <PanelSection id="sops" title="SOP passages">
        {current && view.retrieval ? <SopPassages retrieval={view.retrieval} messageLanguage={view.triage?.classification.language.value ?? null} /> : <EmptyState>Looking up the SOPs…</EmptyState>}
      </PanelSection>
      {current && view.triage && view.subjectId && (
        <ReviewHandoff subjectId={view.subjectId} refreshKey={`${view.triage.classification.lane.value}|${view.draft?.id ?? ''}`} />
      )}
    </>
  );
}
