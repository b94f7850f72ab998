import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { appendAudit } from '@/lib/db/audit';
import { optionsDb } from '@/lib/db/options-db';
import { clearHistory, exampleCounts } from '@/lib/engine/local/examples-store';
import { send } from '@/lib/protocol/client';

/** What the local model learns from besides the lanes' own examples, and a way to remove the imported part. */
export function StoredHistory() {
  const counts = useLiveQuery(() => exampleCounts(optionsDb()), []);
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
