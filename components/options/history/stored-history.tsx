import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { appendAudit } from '@/lib/db/audit';
import { optionsDb } from '@/lib/db/options-db';
import { clearHistory, exampleCounts, listCorrections } from '@/lib/engine/local/examples-store';
import { send } from '@/lib/protocol/client';
import { clipAtWord } from '@/lib/text/sentences';
import { formatDay } from '../sop-format';

const EXCERPT_CHARS = 160;

/** What the local model learns from besides the lanes' own examples, and ways to remove the imported part or one correction. */
export function StoredHistory() {
  const counts = useLiveQuery(() => exampleCounts(optionsDb()), []);
  const corrected = useLiveQuery(() => listCorrections(optionsDb()), []);
  const [status, setStatus] = useState('');
  if (!counts) return null;
  const history = counts.reduce((n, c) => n + c.history, 0);
  const corrections = counts.reduce((n, c) => n + c.corrections, 0);

  const clear = async () => {
    const db = optionsDb();
    const removed = await clearHistory(db);
    await appendAudit(db, { kind: 'history.cleared', subject: null, lane: null, data: { examples: removed } });
    const retrain = await send('triage.retrain', {});
    if (!retrain.ok) return setStatus(`Removed ${removed} imported examples, but the background could not start retraining: ${retrain.error.message}`);
    setStatus(`Removed ${removed} imported examples. Corrections stay; the model retrains in the background.`);
  };

  const remove = async (id: number) => {
    const removed = await send('triage.removeCorrection', { id });
    if (!removed.ok) return setStatus(`${removed.error.message} ${removed.error.nextStep}`);
    setStatus('Correction removed: the model no longer uses it and retrains in the background.');
  };

  return (
    <section className="card" aria-labelledby="stored-history-title" data-testid="stored-history">
      <h2 id="stored-history-title">What the local model learns from</h2>
      <p className="muted">
        Each category's example messages in the lanes, plus {history} imported examples and {corrections} reps' corrections stored on this device.
      </p>
      {counts.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">Imported</th>
                <th scope="col">Corrections</th>
              </tr>
            </thead>
            <tbody>
              {counts.map((c) => (
                <tr key={c.label}>
                  <td>{c.label}</td>
                  <td>{c.history}</td>
                  <td>{c.corrections}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {corrected && corrected.length > 0 && (
        <>
          <h3>Reps' corrections</h3>
          <p className="muted">Newest first. Remove one that taught the wrong category: the model forgets it and retrains without it.</p>
          <div className="table-scroll">
            <table className="table" data-testid="corrections">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Category</th>
                  <th scope="col">Message</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {corrected.map((c) => (
                  <tr key={c.id}>
                    <td>{formatDay(c.at)}</td>
                    <td>{c.label}</td>
                    <td>{clipAtWord(c.text, EXCERPT_CHARS)}</td>
                    <td>
                      <button className="button" type="button" onClick={() => void remove(c.id)}>
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {history > 0 && (
        <div className="row row--start">
          <button className="button button--danger" type="button" onClick={() => void clear()}>
            Remove the imported history
          </button>
        </div>
      )}
      {status && <p role="status">{status}</p>}
    </section>
  );
}
