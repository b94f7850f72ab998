import { useRef, useState } from 'react';
import { unsupportedReasonText } from './labels';
import type { SentenceCheck } from '@/lib/schemas/review';
import type { Draft } from '@/lib/schemas/draft';

interface Props {
  draft: Draft;
  /** Null while the background checks the citations. */
  checks: SentenceCheck[] | null;
}

/** The generated draft sentence by sentence, each [n] a button that opens passage n; unsupported sentences marked. */
export function ReviewSentences({ draft, checks }: Props) {
  const [open, setOpen] = useState<number | null>(null);
  const passageRefs = useRef(new Map<number, HTMLLIElement>());
  const cited = [...new Set(draft.sentences.flatMap((s) => s.citations))].sort((a, b) => a - b).filter((n) => draft.passages[n - 1]);
  const show = (n: number) => {
    setOpen(n);
    passageRefs.current.get(n)?.scrollIntoView({ block: 'nearest' });
  };
  return (
    <>
      <p className="draft" data-testid="draft-text">
        {draft.sentences.map((s, i) => {
          const check = checks?.find((c) => c.index === i);
          // Not supported by its citations, or giving a link, number or amount no source holds: both hold Insert.
          const why = check?.status === 'unsupported' ? unsupportedReasonText[check.reason] : draft.notes.find((n) => n.kind === 'unsupported_detail' && n.sentence === i)?.detail;
          return (
            <span
              key={i}
              className={why ? 'sentence sentence--unsupported' : s.kind === 'escalation' ? 'sentence sentence--note' : 'sentence'}
              data-testid={why ? 'sentence-unsupported' : undefined}
              title={why}
            >
              {s.text}
              {why && <span className="visually-hidden"> (unsupported: {why})</span>}
              {s.citations.map((n) => (
                <button key={n} type="button" className="cite cite--mark" aria-expanded={open === n} aria-controls={`cited-${n}`} onClick={() => (open === n ? setOpen(null) : show(n))}>
                  [{n}]
                </button>
              ))}
              {/* A sentence that ends its line (the greeting) needs no space before the next one. */}
              {s.text.endsWith('\n') ? '' : ' '}
            </span>
          );
        })}
      </p>
      {cited.length > 0 && (
        <ol className="passages" aria-label="Cited SOP passages" data-testid="cited-passages">
          {cited.map((n) => {
            const p = draft.passages[n - 1]!;
            return (
              <li key={n} id={`cited-${n}`} className="passage" ref={(el) => void (el ? passageRefs.current.set(n, el) : passageRefs.current.delete(n))}>
                <div className="passage__head">
                  <span className="cite">[{n}]</span> <strong>{p.sopTitle}</strong> <span className="muted">v{p.sopVersion}</span>
                </div>
                {p.headingPath.length > 0 && <div className="muted small">{p.headingPath.join(' › ')}</div>}
                {/* Closed, a citation is one line: the passages themselves are listed above the draft. */}
                {open === n && <p className="passage__text">{p.text}</p>}
                <button type="button" className="link" aria-expanded={open === n} onClick={() => setOpen(open === n ? null : n)}>
                  {open === n ? 'Hide passage' : 'Show passage'}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
