import type { FeedbackRow } from '@/lib/db/database';
import type { AuditRow } from '@/lib/schemas/audit';
import { computeKpiSeries, type KpiQuery, type KpiReport, type LaneKpis } from './compute-kpis';
import { enoughData, formatDuration, formatShare } from './format-kpi';

export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The KPIs that have a level to follow week by week, and the unit each is in: a share (0–1) or a duration (ms).
 * Field freshness follows its share resolved within 24 h; corrections are counts of events, not a level, and have none.
 */
export const trendKpis = {
  firstResponse: { title: 'First-response time (median)', unit: 'duration' },
  acceptedWithoutEdit: { title: 'Accepted without edit', unit: 'share' },
  rework: { title: 'Rework rate', unit: 'share' },
  escalationPrecision: { title: 'Escalation precision', unit: 'share' },
  fieldFreshness: { title: 'Resolved within 24 h', unit: 'share' },
  routing: { title: 'Routing accepted', unit: 'share' },
} as const;
export type TrendKpi = keyof typeof trendKpis;
export const trendKpiIds = Object.keys(trendKpis) as TrendKpi[];

export interface TrendPoint {
  n: number;
  /** Null when n is 0. */
  value: number | null;
}

export function trendPoint(kpis: LaneKpis, kpi: TrendKpi): TrendPoint {
  switch (kpi) {
    case 'firstResponse':
      return { n: kpis.firstResponse.n, value: kpis.firstResponse.median };
    case 'fieldFreshness':
      return { n: kpis.fieldFreshness.resolvedWithin24h.n, value: kpis.fieldFreshness.resolvedWithin24h.value };
    default:
      return { n: kpis[kpi].n, value: kpis[kpi].value };
  }
}

/** A week's point as the dashboard's table and the CSV word it: no number below MIN_SAMPLE, as on the cards. */
export function trendText(kpi: TrendKpi, p: TrendPoint): string {
  if (p.value === null || !enoughData(p.n)) return p.n === 0 ? 'no data' : 'not enough data';
  return trendKpis[kpi].unit === 'share' ? formatShare(p.value) : formatDuration(p.value);
}

/** A week by its first day, UTC: how the table, the anomalies and the CSV name it. */
export const isoDay = (at: number): string => new Date(at).toISOString().slice(0, 10);

export interface Week {
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive. */
  to: number;
  report: KpiReport;
}

/**
 * Seven-day weeks ending at the range's end, newest last, back to the range's start (or the first row for all time),
 * and always at least two, so the latest week has one to be compared with. One pass over the log for all weeks; each
 * week's figures are what computeKpis gives for that week, by the same definitions as the cards.
 */
export function weeklyReports(rows: readonly AuditRow[], feedback: readonly FeedbackRow[], query: KpiQuery): Week[] {
  // The earliest event, not the first appended: an imported or seeded log may append older events after newer ones.
  let first = query.to;
  for (const row of rows) if (row.at < first) first = row.at;
  const start = Math.max(query.from, Math.min(first, query.to));
  const count = Math.max(2, Math.ceil((query.to - start) / WEEK_MS));
  const ranges = Array.from({ length: count }, (_, k) => ({ from: query.to - (count - k) * WEEK_MS, to: query.to - (count - k - 1) * WEEK_MS }));
  return computeKpiSeries(rows, feedback, ranges, query.lane).map((report, k) => ({ ...ranges[k]!, report }));
}
