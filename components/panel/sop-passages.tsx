import { useEffect, useState } from 'react';
import { send } from '@/lib/protocol/gmail-client';
import type { Retrieval } from '@/lib/schemas/sop';
import { languageName, percent } from './labels';

const SHOWN = 3;

/** The passages the draft may cite: title, heading path and the matching lines; expand for the whole passage. */
export function SopPassages({ retrieval, messageLanguage }: { retrieval: Retrieval; messageLanguage: string | null }) {
  const [open, setOpen] = useState<string | null>(null);
  if (retrieval.passages.length === 0) return <NotCovered />;
  if (!retrieval.grounded) return <NotCoveredBanner retrieval={retrieval} />;
  return (
    <>
    <GroundingLine retrieval={retrieval} messageLanguage={messageLanguage} />
    <details className="fold" data-testid="sop-passages-fold">
    <summary>Show the {Math.min(SHOWN, retrieval.passages.length)} passages found</summary>
    <ol className="passages" data-testid="sop-passages">
      {retrieval.passages.slice(0, SHOWN).map((p, i) => (
        <li key={p.id} className="passage" id={`passage-${i + 1}`}>
          <div className="passage__head">
            <span className="cite">[{i + 1}]</span> <strong>{p.sopTitle}</strong> <span className="muted">v{p.sopVersion}</span>
          </div>
          {p.headingPath.length > 0 && <div className="muted small">{p.headingPath.join(' › ')}</div>}
          <p className="passage__text">{open === p.id ? p.text : p.matchText}</p>
          <button type="button" className="link" aria-expanded={open === p.id} onClick={() => setOpen(open === p.id ? null : p.id)}>
            {open === p.id ? 'Show less' : 'Show whole passage'}
          </button>
        </li>
      ))}
    </ol>
    </details>
    </>
  );
}

/** Why the panel calls this grounded: the score against the lane's floor, what carried it, and the SOP's language. */
function GroundingLine({ retrieval, messageLanguage }: { retrieval: Retrieval; messageLanguage: string | null }) {
  const { basis, sopLanguage } = retrieval;
  const carried = basis?.categoryMatch ? `sections tagged for this category (${percent(basis.categoryConfidence)} sure) and the words (${percent(basis.relevance)})` : `the words (${percent(basis?.relevance ?? 0)} of the question matched)`;
  const otherLanguage = sopLanguage && messageLanguage && sopLanguage !== messageLanguage;
  return (
    <p className="muted small" data-testid="grounding-line">
      Grounded {retrieval.groundingScore.toFixed(2)} (floor {retrieval.floor.toFixed(2)}) on {carried}.
      {sopLanguage && (
        <span data-testid="sop-language">
          {' '}SOP text in {languageName(sopLanguage)}{otherLanguage ? `; the customer wrote in ${languageName(messageLanguage)}` : ''}.
        </span>
      )}
    </p>
  );
}

/** No passage at all: when the library is empty, say so and offer the setup, rather than "not covered". */
function NotCovered() {
  const [empty, setEmpty] = useState(false);
  useEffect(() => {
    void send('status.library', {}).then((a) => a.ok && setEmpty(a.value.sops === 0));
  }, []);
  if (!empty) return <NotCoveredBanner />;
  return (
    <div className="banner banner--warn" data-testid="sop-library-empty">
      <p className="banner__line">
        <strong>Your SOP library is empty</strong>, so nothing can be grounded and no answer is drafted.
      </p>
      <button type="button" className="link" onClick={() => void send('status.openSetup', {})}>
        Set up the SOP library
      </button>
    </div>
  );
}

function NotCoveredBanner({ retrieval }: { retrieval?: Retrieval }) {
  return (
    <p className="banner banner--warn" data-testid="sop-not-covered">
      The SOP library does not cover this question. Nothing will be invented: escalate, or add an SOP for it.
      {retrieval && retrieval.passages.length > 0 && (
        <span className="muted small"> (Best grounding {retrieval.groundingScore.toFixed(2)}, under this lane's floor {retrieval.floor.toFixed(2)}.)</span>
      )}
    </p>
  );
}
