import { useLiveQuery } from 'dexie-react-hooks';
import { optionsDb } from '@/lib/db/options-db';
import type { AuditEventOf } from '@/lib/schemas/audit';
import { STEP_WORDS } from '@/lib/sites/gmail/diagnostic';

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });
const SHOWN = 10;

/** The last pages the Gmail reader could not read, so a change of Gmail's markup is noticed on the first day. */
export function ReaderFailures() {
  const failures = useLiveQuery(async () => {
    const rows = await optionsDb().audit.where('kind').equals('site.unreadable').reverse().limit(SHOWN).toArray();
    const total = await optionsDb().audit.where('kind').equals('site.unreadable').count();
    return { rows: rows as (AuditEventOf<'site.unreadable'> & { at: number; seq?: number })[], total };
  }, []);
  if (!failures) return null;
  return (
    <section className="card" aria-labelledby="reader-failures-title" data-testid="reader-failures">
      <h2 id="reader-failures-title">Pages the Gmail reader could not read</h2>
      {failures.total === 0 ? (
        <p className="muted">None so far.</p>
      ) : (
        <>
          <p className="muted">
            {failures.total} in all. Gmail may have changed its markup: save such a page redacted (see the README, “Can't read this thread”) and report it.
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Failed at</th>
                <th scope="col">Selectors checked</th>
              </tr>
            </thead>
            <tbody>
              {failures.rows.map((r) => (
                <tr key={r.seq}>
                  <td>{time.format(r.at)}</td>
                  <td data-testid="reader-failure-step">{STEP_WORDS[r.data.step]}</td>
                  <td>{r.data.selectorsConfirmed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
