import { LaneSelect } from '@/components/ui/lane-select';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { optionsDb } from '@/lib/db/options-db';
import { loadLanes } from '@/lib/lanes/lane-store';
import { kpiCsv } from '@/lib/metrics/kpi-csv';
import { dashboardModel, type DashboardModel } from '@/lib/metrics/kpi-dashboard-model';
import { isoDay } from '@/lib/metrics/weekly';
import { KpiDefinitionsList } from './kpi-definitions-list';
import { KpiLaneCard } from './kpi-lane-card';
import './kpi-dashboard.css';

const DAY = 24 * 60 * 60 * 1000;
const ranges = [
  { id: '7', label: 'Last 7 days', days: 7 },
  { id: '30', label: 'Last 30 days', days: 30 },
  { id: '90', label: 'Last 90 days', days: 90 },
  { id: 'all', label: 'All time', days: null },
] as const;
type RangeId = (typeof ranges)[number]['id'];

/** The lanes' KPIs over the audit log, computed in the page from what Dexie holds, live as events arrive. */
export function KpiDashboard() {
  const [rangeId, setRangeId] = useState<RangeId>('30');
  const [laneFilter, setLaneFilter] = useState('');
  const data = useLiveQuery(async () => {
    const db = optionsDb();
    const [rows, feedback] = await Promise.all([db.audit.toArray(), db.feedback.toArray()]);
    return { rows, feedback, readAt: Date.now() };
  }, []);
  const lanes = useLiveQuery(() => loadLanes(optionsDb()), []);

  const computed = useMemo(() => {
    if (!data || !lanes) return null;
    const days = ranges.find((r) => r.id === rangeId)?.days ?? null;
    const to = data.readAt + 1;
    const begun = performance.now();
    const query = { from: days === null ? 0 : to - days * DAY, to, ...(laneFilter ? { lane: laneFilter } : {}) };
    const model = dashboardModel({ rows: data.rows, feedback: data.feedback, query, lanes });
    return { model, ms: performance.now() - begun };
  }, [data, lanes, rangeId, laneFilter]);

  if (!computed || !lanes) return <p className="muted">Reading the audit log…</p>;
  return (
    <>
      <section className="card" aria-labelledby="kpi-title">
        <div className="row">
          <h2 id="kpi-title">Lane KPIs</h2>
          <div className="row row--start">
            <label>
              <span className="visually-hidden">Date range</span>
              <select value={rangeId} onChange={(e) => setRangeId(e.target.value as RangeId)} data-testid="kpi-range">
                {ranges.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="visually-hidden">Lane</span>
              <LaneSelect lanes={lanes} value={laneFilter} onChange={setLaneFilter} anyLabel="All lanes" testId="kpi-lane-filter" />
            </label>
            <button type="button" className="button" onClick={() => downloadCsv(computed.model)} data-testid="kpi-export-csv">
              Export CSV
            </button>
          </div>
        </div>
        <p className="muted small" data-testid="kpi-computed">
          Computed over {computed.model.events.toLocaleString()} audit events in {Math.round(computed.ms)} ms.
        </p>
      </section>
      <KpiDashboardView model={computed.model} />
      <KpiDefinitionsList />
    </>
  );
}

/** Saves what the dashboard shows as a CSV file. */
function downloadCsv(model: DashboardModel) {
  const url = URL.createObjectURL(new Blob([kpiCsv(model)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `calm-triage-kpis-${isoDay(model.from)}-to-${isoDay(model.to)}.csv`;
  link.click();
  // The download has started from the URL; give it a moment before releasing the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The dashboard's figures from its model alone: what the CSV export writes. */
export function KpiDashboardView({ model }: { model: DashboardModel }) {
  return (
    <>
      {model.cards.map((view) => (
        <KpiLaneCard key={view.lane} view={view} />
      ))}
      {model.quiet.length > 0 && (
        <p className="muted" data-testid="kpi-quiet-lanes">
          No activity in this range: {model.quiet.join(', ')}.
        </p>
      )}
    </>
  );
}
