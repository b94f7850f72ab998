import type { FeedbackRow } from '@/lib/db/database';
import type { AuditRow } from '@/lib/schemas/audit';
import { alarmSettingsFor, type KpiAlarmSettings, type LaneAlarmOverrides } from '@/lib/schemas/kpi-alarms';
import { computeKpis, NO_LANE, type KpiQuery, type LaneKpis } from './compute-kpis';
import { figureViews, type FigureView } from './kpi-figures';
import { reworkAlarm, type ReworkAlarm } from './rework-alarm';
import { sopGaps, type GapGroup, type GapTexts } from './sop-gaps';
import { weekOverWeekAnomalies, type Anomaly, type WeekPoints } from './anomalies';
import { trendKpiIds, trendPoint, weeklyReports, type TrendKpi, type TrendPoint } from './weekly';

/** What the dashboard needs of a lane: the lane data's id, name and declared goals. */
export interface LaneInfo {
  id: string;
  name: string;
  kpis: readonly string[];
}

/** One card of the dashboard: a lane (or all lanes, lane '*') with its figures and its alarm. */
export interface LaneView {
  lane: string;
  title: string;
  kpis: LaneKpis;
  figures: FigureView[];
  settings: KpiAlarmSettings;
  /** Null on the all-lanes card (alarms are a lane's) and for a lane that generated no draft in the range (a CRM lane). */
  alarm: ReworkAlarm | null;
  /** Seven-day weeks ending at the range's end, oldest first: what the chart and its table show. */
  weeks: WeekPoints[];
  /** Week-over-week shifts beyond the lane's threshold; none on the all-lanes card. */
  anomalies: Anomaly[];
  declared: readonly string[];
}

export interface DashboardModel {
  from: number;
  to: number;
  events: number;
  cards: LaneView[];
  /** Names of lanes with no activity in the range. */
  quiet: string[];
  /** The range's SOP gaps, lanes by name; null when the texts were not given. */
  gaps: (Omit<GapGroup, 'lanes'> & { lanes: string[] })[] | null;
}

export interface DashboardInput {
  rows: readonly AuditRow[];
  feedback: readonly FeedbackRow[];
  query: KpiQuery;
  lanes: readonly LaneInfo[];
  /** Per lane id, the alarm settings the lane sets; defaults elsewhere. */
  alarms?: LaneAlarmOverrides;
  /** What the SOP gaps read besides the log, and the retention cutoff they respect. */
  gaps?: { texts: GapTexts; keepFrom: number };
}

/** Everything the KPI tab shows, in the order it shows it: the CSV export writes this same model. */
export function dashboardModel({ rows, feedback, query, lanes, alarms, gaps }: DashboardInput): DashboardModel {
  const report = computeKpis(rows, feedback, query);
  const weekly = weeklyReports(rows, feedback, query);
  const nothing = computeKpis([], [], query).overall;
  const weeksOf = (lane: string): WeekPoints[] =>
    weekly.map((w) => {
      const kpis = lane === '*' ? w.report.overall : (w.report.lanes.find((l) => l.lane === lane) ?? nothing);
      return { from: w.from, points: Object.fromEntries(trendKpiIds.map((k) => [k, trendPoint(kpis, k)])) as Record<TrendKpi, TrendPoint> };
    });
  const title = (id: string) => (id === NO_LANE ? 'No lane' : (lanes.find((l) => l.id === id)?.name ?? id));
  const order = (id: string) => {
    const i = lanes.findIndex((l) => l.id === id);
    return i === -1 ? lanes.length : i;
  };
  const card = (kpis: LaneKpis, overall: boolean): LaneView => {
    const settings = alarmSettingsFor(kpis.lane, alarms);
    const weeks = weeksOf(kpis.lane);
    return {
      lane: kpis.lane,
      title: overall ? 'All lanes' : title(kpis.lane),
      kpis,
      figures: figureViews(kpis),
      settings,
      alarm: overall || kpis.rework.n + kpis.rework.open === 0 ? null : reworkAlarm(kpis.rework, settings),
      weeks,
      anomalies: overall ? [] : weekOverWeekAnomalies(weeks, settings),
      declared: overall ? [] : (lanes.find((l) => l.id === kpis.lane)?.kpis ?? []),
    };
  };
  const withData = [...report.lanes].sort((a, b) => order(a.lane) - order(b.lane)).map((k) => card(k, false));
  const quiet = lanes.filter((l) => !report.lanes.some((k) => k.lane === l.id) && (query.lane === undefined || l.id === query.lane)).map((l) => l.name);
  return {
    from: report.from,
    to: report.to,
    events: report.events,
    cards: query.lane === undefined ? [card(report.overall, true), ...withData] : withData,
    quiet,
    gaps: gaps ? sopGaps(rows, gaps.texts, { ...query, keepFrom: gaps.keepFrom }).map((g) => ({ ...g, lanes: g.lanes.map(title) })) : null,
  };
}

/** What a lane card says when no week moved beyond its threshold. */
export const noAnomalyText = (view: Pick<LaneView, 'settings'>): string =>
  `No week-over-week shift beyond ${Math.round(view.settings.anomalyThreshold * 100)} points (or ${Math.round(view.settings.anomalyThreshold * 100)}% for times), among weeks with at least ${view.settings.minimumSample} samples.`;

/** A lane in test ids and element ids: 'all' for all lanes, 'none' for rows about no lane. */
export const laneKey = (lane: string): string => (lane === '*' ? 'all' : lane || 'none');

/** The line under the cards naming the lanes with nothing in the range. */
export const quietText = (names: readonly string[]): string => `No activity in this range: ${names.join(', ')}.`;
