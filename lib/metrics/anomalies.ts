import type { KpiAlarmSettings } from '@/lib/schemas/kpi-alarms';
import { formatDuration, formatShare } from './format-kpi';
import { isoDay, trendKpiIds, trendKpis, type TrendKpi, type TrendPoint } from './weekly';

/** One lane's KPI points for one week. */
export interface WeekPoints {
  from: number;
  points: Record<TrendKpi, TrendPoint>;
}

export interface Anomaly {
  kpi: TrendKpi;
  /** Start of the week that shifted. */
  weekFrom: number;
  before: { n: number; value: number };
  after: { n: number; value: number };
  /** Share KPIs: percentage points as a fraction (+0.2 = +20 points); time KPIs: relative change (+0.5 = 50% longer). */
  change: number;
}

// Shares and ratios are floats: 0.55 − 0.40 is 0.15000000000000002, which must not count as beyond a 0.15 threshold.
const EPSILON = 1e-9;

/**
 * Week-over-week shifts beyond the lane's anomaly threshold, for each KPI with a level: a week is compared with the
 * week before it when both have at least the lane's minimum sample. A share KPI shifts by its difference in percentage
 * points; a time KPI by the median's change relative to the week before.
 */
export function weekOverWeekAnomalies(weeks: readonly WeekPoints[], settings: KpiAlarmSettings): Anomaly[] {
  const found: Anomaly[] = [];
  for (let i = 1; i < weeks.length; i++) {
    const [prev, cur] = [weeks[i - 1]!, weeks[i]!];
    for (const kpi of trendKpiIds) {
      const a = prev.points[kpi];
      const b = cur.points[kpi];
      if (a.value === null || b.value === null || a.n < settings.minimumSample || b.n < settings.minimumSample) continue;
      const change = trendKpis[kpi].unit === 'share' ? b.value - a.value : a.value === 0 ? null : (b.value - a.value) / a.value;
      if (change === null || Math.abs(change) - settings.anomalyThreshold <= EPSILON) continue;
      found.push({ kpi, weekFrom: cur.from, before: { n: a.n, value: a.value }, after: { n: b.n, value: b.value }, change });
    }
  }
  return found;
}

const signed = (x: number, unit: string) => `${x > 0 ? '+' : '−'}${Math.round(Math.abs(x) * 100)}${unit}`;

/** An anomaly as the dashboard and the CSV word it. */
export function anomalyText(a: Anomaly): string {
  const { title, unit } = trendKpis[a.kpi];
  const fmt = unit === 'share' ? formatShare : formatDuration;
  return `${title}: ${fmt(a.before.value)} → ${fmt(a.after.value)} (${signed(a.change, unit === 'share' ? ' points' : '%')}) in the week from ${isoDay(a.weekFrom)}, n ${a.before.n} → ${a.after.n}`;
}
