import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { optionsDb } from '@/lib/db/options-db';
import { applyHistory } from '@/lib/history/apply-history';
import { checkHistory } from '@/lib/history/history-check';
import { historyCategories } from '@/lib/history/history-categories';
import { MIN_EXAMPLES_PER_CATEGORY, type CrossValidation } from '@/lib/history/cross-validate';
import type { HistoryFile } from '@/lib/history/history-file';
import { loadLanes } from '@/lib/lanes/lane-store';
import type { Result } from '@/lib/schemas/errors';
import { send } from '@/lib/protocol/client';

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** What the file holds, whether its categories can be learnt (cross-validated in a worker), and where new ones go. */
export function HistoryReview({ file, onDone }: { file: HistoryFile; onDone: (outcome: string) => void }) {
  const lanes = useLiveQuery(() => loadLanes(optionsDb()), []);
  const categories = useMemo(() => (lanes ? historyCategories(file, lanes) : []), [file, lanes]);
  const laneName = (id: string | null) => lanes?.find((l) => l.id === id)?.name ?? id ?? '';
  const fresh = categories.filter((c) => c.lane === null);
  const [target, setTarget] = useState('');
  const [check, setCheck] = useState<{ progress: string; result: Result<CrossValidation | null> | null }>({ progress: 'Checking…', result: null });
  const [status, setStatus] = useState('');

  useEffect(() => {
    const stop = new AbortController();
    void checkHistory(
      file.examples.map((e) => ({ text: e.text, label: e.category })),
      (fold, folds) => setCheck({ progress: `Cross-validating: fold ${fold + 1} of ${folds}…`, result: null }),
      stop.signal,
    ).then((result) => !stop.signal.aborted && setCheck({ progress: '', result }));
    return () => stop.abort();
  }, [file]);

  const apply = async () => {
    setStatus('Saving…');
    const applied = await applyHistory(optionsDb(), file, fresh.length > 0 && target ? target : null);
    if (!applied.ok) return setStatus(`${applied.error.message} ${applied.error.nextStep}`);
    const retrain = await send('triage.retrain', {});
    if (!retrain.ok) return setStatus(`The history is saved, but the background could not start retraining: ${retrain.error.message} ${retrain.error.nextStep}`);
    const { stored, categories: used, added } = applied.value;
    onDone(`Saved ${stored} examples of ${used} categories${added ? `, ${added} new categories added to ${laneName(target)}` : ''}. The local model retrains in the background; triage keeps working meanwhile.`);
  };

  return (
    <section className="card" aria-labelledby="history-review-title" data-testid="history-review">
      <h2 id="history-review-title">
        {file.examples.length} examples in {categories.length} categories
      </h2>
      {file.skipped.length > 0 && (
        <details>
          <summary>{file.skipped.length} left out</summary>
          <ul className="small">
            {file.skipped.slice(0, 50).map((s) => (
              <li key={s.where}>
                {s.where}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <CheckResult progress={check.progress} result={check.result} label={(id) => categories.find((c) => c.id === id)?.label ?? id} />
      <div className="table-scroll">
        <table className="table" data-testid="history-categories">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Examples</th>
              <th scope="col">In your lanes</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.label} <span className="muted small">{c.id}</span>
                </td>
                <td>
                  {c.examples}
                  {c.examples < MIN_EXAMPLES_PER_CATEGORY && <span className="badge badge--warn"> too few to learn (under {MIN_EXAMPLES_PER_CATEGORY})</span>}
                </td>
                <td>{c.lane ? laneName(c.lane) : <span className="badge badge--managed">new{c.fileLane ? ` → ${laneName(c.fileLane)}` : ''}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {fresh.length > 0 && (
        <label className="row row--start">
          {fresh.length} categories are not in your lanes yet. Add them to{' '}
          <select data-testid="history-target-lane" value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">— leave them out —</option>
            {lanes?.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="row row--start">
        <button className="button button--primary" type="button" onClick={() => void apply()}>
          Use this history
        </button>
        <button className="button" type="button" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
      {status && (
        <p role="status" data-testid="history-apply-status">
          {status}
        </p>
      )}
    </section>
  );
}

function CheckResult({ progress, result, label }: { progress: string; result: Result<CrossValidation | null> | null; label: (id: string) => string }) {
  if (!result) return <p className="muted" role="status">{progress}</p>;
  if (!result.ok) return <p className="banner banner--warn">{`${result.error.message} ${result.error.nextStep}`}</p>;
  if (!result.value) return <p className="banner banner--warn">The file has one category only: the model needs at least two to tell apart.</p>;
  const cv = result.value;
  return (
    <div data-testid="history-check">
      <p>
        <strong>Estimated accuracy {percent(cv.accuracy)}</strong>{' '}
        <span className="muted">
          ({cv.folds}-fold cross-validation over {cv.examples} examples, trained on this file alone)
        </span>
      </p>
      {cv.confused.length > 0 && (
        <p className="small">
          Most often confused:{' '}
          {cv.confused.map((c, i) => (
            <span key={`${c.actual}-${c.predicted}`}>
              {i > 0 && '; '}
              {label(c.actual)} read as {label(c.predicted)} ({c.count})
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
