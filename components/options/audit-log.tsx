import { useEffect, useState } from 'react';
import { send } from '@/lib/protocol/client';
import type { ResponseOf } from '@/lib/protocol/messages';
import type { AppError } from '@/lib/schemas/errors';
import { ReaderFailures } from './reader-failures';

type Rows = ResponseOf<'audit.recent'>;
const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

/** The append-only record of what was generated, approved, inserted, sent and written. */
export function AuditLog() {
  const [rows, setRows] = useState<Rows | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const load = async () => {
    const answer = await send('audit.recent', { limit: 200 });
    if (answer.ok) {
      setRows(answer.value);
      setError(null);
    } else setError(answer.error);
  };
  useEffect(() => {
    void load();
  }, []);
  return (
    <>
    <ReaderFailures />
    <section className="card" aria-labelledby="audit-title">
      <div className="row">
        <h2 id="audit-title">Audit log</h2>
        <button className="button" onClick={() => void load()}>
          Refresh
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error.message} {error.nextStep}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted">Nothing recorded yet. Open a Gmail thread with the panel on.</p>}
      {rows && rows.length > 0 && (
        <table className="table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">About</th>
              <th scope="col">Lane</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.seq}>
                <td>{time.format(r.at)}</td>
                <td>{r.kind}</td>
                <td className="mono">{r.subject ?? '—'}</td>
                <td>{r.lane ?? '—'}</td>
                <td className="mono">{JSON.stringify(r.data)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
    </>
  );
}
