import { LaneSelect } from '@/components/ui/lane-select';
import { useState, type FormEvent } from 'react';
import { send } from '@/lib/protocol/client';
import type { Retrieval } from '@/lib/schemas/sop';

/** The admin's coverage check: the passages the panel would cite for any text, with scores and the verdict. */
export function SopTryQuestion({ lanes }: { lanes: { id: string; name: string }[] }) {
  const [query, setQuery] = useState('');
  const [lane, setLane] = useState('');
  const [answer, setAnswer] = useState<{ retrieval: Retrieval } | { error: string } | null>(null);

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    if (!query.trim()) return;
    const result = await send('sop.search', { query: query.slice(0, 5000), k: 5, ...(lane ? { lane } : {}) });
    setAnswer(result.ok ? { retrieval: result.value } : { error: `${result.error.message} ${result.error.nextStep}` });
  };

  return (
    <section className="card" aria-labelledby="sop-try-title">
      <h2 id="sop-try-title">Try a question</h2>
      <p className="muted">Paste a customer's question to see what the panel would cite. If nothing is grounded, the panel says so and drafts nothing from the SOPs.</p>
      <form className="form form--wide" onSubmit={(e) => void ask(e)}>
        <label>
          Question or email text
          <textarea name="try-question" rows={3} value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <div className="row row--start">
          <label className="inline">
            Lane{' '}
            <LaneSelect lanes={lanes} value={lane} onChange={setLane} anyLabel="Any lane" name="try-lane" />
          </label>
          <button className="button button--primary" type="submit">
            Search the SOPs
          </button>
        </div>
      </form>
      {answer && 'error' in answer && <p className="error">{answer.error}</p>}
      {answer && 'retrieval' in answer && <TryResult retrieval={answer.retrieval} />}
    </section>
  );
}

function groundingLine(r: Retrieval): string {
  const basis = r.basis ? `; words ${r.basis.relevance.toFixed(2)}${r.basis.categoryMatch ? `, section tagged for the category at ${Math.round(r.basis.categoryConfidence * 100)}%` : ''}` : '';
  return `${r.groundingScore.toFixed(2)}, floor ${r.floor.toFixed(2)}${basis}`;
}

function TryResult({ retrieval }: { retrieval: Retrieval }) {
  return (
    <div data-testid="try-result">
      <p className={retrieval.grounded ? 'verdict verdict--ok' : 'verdict verdict--no'} data-testid="try-verdict">
        {retrieval.grounded
          ? `Grounded: the panel would cite these passages (grounding ${groundingLine(retrieval)}).`
          : `Not grounded: no SOP answers this well enough (grounding ${groundingLine(retrieval)}); the panel would say so and escalate.`}{' '}
        <span className="muted">Searched in {retrieval.ms.toFixed(1)} ms.</span>
      </p>
      {retrieval.passages.length === 0 ? (
        <p className="muted">No passage matched.</p>
      ) : (
        <ol className="passages">
          {retrieval.passages.map((p) => (
            <li key={p.id} className="passage">
              <div className="row">
                <span>
                  <strong>{p.sopTitle}</strong> <span className="muted">v{p.sopVersion}</span>
                </span>
                <span className="score" title="BM25 score">{p.score.toFixed(1)}</span>
              </div>
              {p.headingPath.length > 0 && <div className="muted small">{p.headingPath.join(' › ')}</div>}
              <p className="passage__text">{p.matchText}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
