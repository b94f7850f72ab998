import { useMemo, useState } from 'react';
import type { SopRow } from '@/lib/db/database';
import { formatBytes, formatDate, formatDay } from './sop-format';

type SortKey = 'title' | 'lanes' | 'version' | 'effectiveDate' | 'owner' | 'bytes' | 'chunkCount' | 'updatedAt' | 'status';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'lanes', label: 'Lanes' },
  { key: 'version', label: 'Version' },
  { key: 'effectiveDate', label: 'Effective' },
  { key: 'owner', label: 'Owner' },
  { key: 'bytes', label: 'Size' },
  { key: 'chunkCount', label: 'Passages' },
  { key: 'updatedAt', label: 'Last updated' },
  { key: 'status', label: 'Status' },
];

function sortValue(row: SopRow, key: SortKey): string | number {
  if (key === 'lanes') return row.lanes.join(',');
  if (key === 'effectiveDate') return row.effectiveDate ?? '';
  return row[key];
}

const matches = (row: SopRow, needle: string) =>
  [row.title, row.sopId, row.owner, row.sourceName, ...row.lanes].some((field) => field.toLowerCase().includes(needle));

/** The library's current SOPs (active and retired), filtered by a search and sorted by any column. */
export function SopList({ rows, laneNames, onOpen }: { rows: SopRow[]; laneNames: Map<string, string>; onOpen: (sopId: string) => void }) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'title', dir: 1 });

  const shown = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const filtered = needle ? rows.filter((r) => matches(r, needle)) : rows;
    return [...filtered].sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return order * sort.dir || a.title.localeCompare(b.title);
    });
  }, [rows, query, sort]);

  return (
    <section className="card" aria-labelledby="sop-list-title">
      <div className="row">
        <h2 id="sop-list-title">Library ({rows.length})</h2>
        <input className="search" type="search" placeholder="Search title, owner, lane…" aria-label="Search SOPs" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {rows.length === 0 ? (
        <p className="muted">No SOPs yet. Drop files above, or load the sample SOPs to try the panel.</p>
      ) : (
        <div className="table-scroll">
          <table className="table sop-table" data-testid="sop-table">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.key} aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
                    <button type="button" className="sort" onClick={() => setSort({ key: c.key, dir: sort.key === c.key ? (sort.dir === 1 ? -1 : 1) : 1 })}>
                      {c.label}
                      <span aria-hidden="true">{sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.id} data-testid="sop-row" data-sop-id={row.sopId} className={row.status === 'retired' ? 'sop-row--retired' : undefined}>
                  <td className="sop-title" title={row.sourceName}>
                    <button type="button" className="link" onClick={() => onOpen(row.sopId)}>
                      {row.title}
                    </button>
                  </td>
                  <td>
                    {row.lanes.length === 0 ? <span className="muted">all lanes</span> : row.lanes.map((lane) => <span key={lane} className="tag" title={lane}>{laneNames.get(lane) ?? lane}</span>)}
                  </td>
                  <td>
                    v{row.version}
                    {row.versionLabel && <div className="muted small">doc {row.versionLabel}</div>}
                  </td>
                  <td className="nowrap">{row.effectiveDate ?? <span className="muted">—</span>}</td>
                  <td className="owner">{row.owner ? <Owner owner={row.owner} /> : <span className="muted">—</span>}</td>
                  <td className="num">{formatBytes(row.bytes)}</td>
                  <td className="num">{row.chunkCount}</td>
                  <td className="nowrap" title={formatDate(row.updatedAt)}>{formatDay(row.updatedAt)}</td>
                  <td>
                    <span className={`badge badge--${row.status}`}>{row.status}</span>
                    {row.managed && <span className="badge badge--managed" title="Managed by your organisation's policy">managed</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p className="muted">No SOP matches "{query}".</p>}
        </div>
      )}
    </section>
  );
}

/** "Billing team (billing@example.com)": the name, with the address below it in small print. */
function Owner({ owner }: { owner: string }) {
  const parts = /^(.+?)\s*\(([^()]+@[^()]+)\)$/.exec(owner);
  if (!parts) return <>{owner}</>;
  return (
    <>
      {parts[1]}
      <div className="muted small mono">{parts[2]}</div>
    </>
  );
}
