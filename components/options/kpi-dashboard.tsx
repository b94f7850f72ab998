import { LaneSelect } from '@/components/ui/lane-select';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { optionsDb } from '@/lib/db/options-db';
import { loadLanes } from '@/lib/lanes/lane-store';
import { kpiCsv } from '@/lib/metrics/kpi-csv';
import { dashboardModel, quietText, type DashboardModel } from '@/lib/metrics/kpi-dashboard-model';
import { gapDraftSchema, type GapTexts } from '@/lib/metrics/sop-gaps';
import { isoDay } from '@/lib/metrics/weekly';
import type { FeedbackRow, PendingRow, ThreadSeenRow } from '@/lib/db/database';
import { loadOwnDomains } from '@/lib/settings/own-domains-store';
import { loadRetentionDays } from '@/lib/settings/retention-store';
import { laneAlarmOverrides } from '@/lib/schemas/kpi-alarms';
import { KpiDefinitionsList } from './kpi-definitions-list';
import { KpiLaneCard } from './kpi-lane-card';
import { KpiSopGaps } from './kpi-sop-gaps';
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
    const [rows, feedback, threads, drafts, keptDays, ownDomains] = await Promise.all([
      db.audit.toArray(),
      db.feedback.toArray(),
      db.threads.toArray(),
      db.pending.where('kind').equals('draft').toArray(),
      loadRetentionDays(db),
      loadOwnDomains(db),
    ]);
    return { rows, feedback, texts: gapTexts(threads, drafts, feedback, ownDomains), keptDays, readAt: Date.now() };
  }, []);
  const lanes = useLiveQuery(() => loadLanes(optionsDb()), []);

  const computed = useMemo(() => {
    if (!data || !lanes) return null;
    const days = ranges.find((r) => r.id === rangeId)?.days ?? null;
    const to = data.readAt + 1;
    const begun = performance.now();
    const query = { from: days === null ? 0 : to - days * DAY, to, ...(laneFilter ? { lane: laneFilter } : {}) };
    const model = dashboardModel({ rows: data.rows, feedback: data.feedback, query, lanes, alarms: laneAlarmOverrides(lanes), gaps: { texts: data.texts.texts, keepFrom: to - data.keptDays * DAY } });
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
      <KpiDashboardView model={computed.model} keptDays={data?.keptDays ?? null} />
      {data && data.texts.unreadable > 0 && (
        <p className="error" role="status">
          {data.texts.unreadable} saved drafts could not be read for the SOP gaps; their threads are grouped by subject line only.
        </p>
      )}
      <KpiDefinitionsList />
    </>
  );
}

/** The texts the SOP gaps group by: subject lines, each thread's latest draft summary, and rejection notes. */
function gapTexts(threads: ThreadSeenRow[], drafts: PendingRow[], feedback: FeedbackRow[], ownDomains: string[]): { texts: GapTexts; unreadable: number } {
  const subjects = new Map(threads.map((t) => [t.id, t.subject]));
  const latest = new Map<string, { at: number; summary: string }>();
  let unreadable = 0;
  for (const row of drafts) {
    const parsed = gapDraftSchema.safeParse(row.value);
    if (!parsed.success) {
      unreadable++;
      continue;
    }
    const { subjectId, createdAt, triage } = parsed.data;
    if ((latest.get(subjectId)?.at ?? -Infinity) < createdAt) latest.set(subjectId, { at: createdAt, summary: triage.classification.summary });
  }
  const notes = new Map<string, string[]>();
  for (const f of feedback) if (f.field === 'draft' && f.text) notes.set(f.subject, [...(notes.get(f.subject) ?? []), f.text]);
  return { texts: { subjects, questions: new Map([...latest].map(([id, d]) => [id, d.summary])), notes, ownDomains }, unreadable };
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
export function KpiDashboardView({ model, keptDays = null }: { model: DashboardModel; keptDays?: number | null }) {
  return (
    <>
      {model.cards.map((view) => (
        <KpiLaneCard key={view.lane} view={view} />
      ))}
      {model.quiet.length > 0 && (
        <p className="muted" data-testid="kpi-quiet-lanes">
          {quietText(model.quiet)}
        </p>
      )}
      {model.gaps && <KpiSopGaps gaps={model.gaps} keptDays={keptDays} />}
    </>
  );
}
