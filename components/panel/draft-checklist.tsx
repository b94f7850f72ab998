import type { Draft } from '@/lib/schemas/draft';

const KIND_LABEL: Record<Draft['checklist'][number]['kind'], string> = {
  rule: 'Rule',
  instruction: 'To do',
  supplied: 'Supplied',
  asked: 'Asked for',
  unanswered: 'Unanswered',
};

/** The post-checks' review notes, right under the text they concern. */
export function ReviewNotes({ draft }: { draft: Draft }) {
  if (draft.notes.length === 0) return null;
  return (
    <ul className="blockers small" aria-label="Review notes" data-testid="review-notes">
      {draft.notes.map((n, i) => (
        <li key={i} data-kind={n.kind}>
          {n.detail}
          {n.quote && <q className="muted"> {n.quote}</q>}
        </li>
      ))}
    </ul>
  );
}

/** The rep's checklist: the SOP's instructions to the agent (never reply text), what the thread supplied, what is open. */
export function DraftChecklist({ draft }: { draft: Draft }) {
  if (draft.checklist.length === 0) return null;
  return (
    <details className="fold" open data-testid="draft-checklist">
      <summary>Checklist for you ({draft.checklist.length}, not sent to the customer)</summary>
      {draft.checklist.length > 0 && (
        <ul className="small" aria-label="Checklist for you (not sent to the customer)">
          {draft.checklist.map((item, i) => (
            <li key={i} data-kind={item.kind}>
              <strong>{KIND_LABEL[item.kind]}:</strong> {item.text}
              {item.citation !== null && <span className="muted"> [{item.citation}]</span>}
              {item.quote && <q className="muted"> {item.quote}</q>}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
