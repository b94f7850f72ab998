import { LaneSelect } from '@/components/ui/lane-select';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { optionsDb } from '@/lib/db/options-db';
import { loadLanes } from '@/lib/lanes/lane-store';
import { computeKpis, NO_LANE } from '@/lib/metrics/compute-kpis';
import { KpiDefinitionsList } from './kpi-definitions-list';
import { KpiLaneCard } from './kpi-lane-card';

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
    if (!data) return null;
    const days = ranges.find((r) => r.id === rangeId)?.days ?? null;
    const to = data.readAt + 1;
    const begun = performance.now();
    const report = computeKpis(data.rows, data.feedback, { from: days === null ? 0 : to - days * DAY, to, ...(laneFilter ? { lane: laneFilter } : {}) });
    return { report, ms: performance.now() - begun };
  }, [data, rangeId, laneFilter]);

  if (!computed || !lanes) return <p className="muted">Reading the audit log…</p>;
  const { report, ms } = computed;
  const laneName = (id: string) => (id === NO_LANE ? 'No lane' : (lanes.find((l) => l.id === id)?.name ?? id));
  const order = (id: string) => {
    const i = lanes.findIndex((l) => l.id === id);
    return i === -1 ? lanes.length : i;
  };
  const withData = [...report.lanes].sort((a, b) => order(a.lane) - order(b.lane));
  const quiet = lanes.filter((l) => !report.lanes.some((k) => k.lane === l.id) && (!laneFilter || l.id === laneFilter));

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
          </div>
        </div>
        <p className="muted small" data-testid="kpi-computed">
          Computed over {report.events.toLocaleString()} audit events in {Math.round(ms)} ms.
        </p>
      </section>
      {!laneFilter && <KpiLaneCard kpis={report.overall} title="All lanes" declared={[]} />}
      {withData.map((k) => (
        <KpiLaneCard key={k.lane} kpis={k} title={laneName(k.lane)} declared={lanes.find((l) => l.id === k.lane)?.kpis ?? []} />
      ))}
      {quiet.length > 0 && (
        <p className="muted" data-testid="kpi-quiet-lanes">
          No activity in this range: {quiet.map((l) => l.name).join(', ')}.
        </p>
      )}
      <KpiDefinitionsList />
    </>
  );
}
