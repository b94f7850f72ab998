import type { FeedbackRow } from '@/lib/db/database';
import type { AuditRow } from '@/lib/schemas/audit';
import { alarmSettingsFor, type KpiAlarmSettings, type LaneAlarmOverrides } from '@/lib/schemas/kpi-alarms';
import { computeKpis, NO_LANE, type KpiQuery, type LaneKpis } from './compute-kpis';
import { figureViews, type FigureView } from './kpi-figures';
import { reworkAlarm, type ReworkAlarm } from './rework-alarm';

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
  /** Null on the all-lanes card: alarms are a lane's. */
  alarm: ReworkAlarm | null;
  declared: readonly string[];
}

export interface DashboardModel {
  from: number;
  to: number;
  events: number;
  cards: LaneView[];
  /** Names of lanes with no activity in the range. */
  quiet: string[];
}

export interface DashboardInput {
  rows: readonly AuditRow[];
  feedback: readonly FeedbackRow[];
  query: KpiQuery;
  lanes: readonly LaneInfo[];
  /** Per lane id, the alarm settings the lane sets; defaults elsewhere. */
  alarms?: LaneAlarmOverrides;
}

/** Everything the KPI tab shows, in the order it shows it: the CSV export writes this same model. */
export function dashboardModel({ rows, feedback, query, lanes, alarms }: DashboardInput): DashboardModel {
  const report = computeKpis(rows, feedback, query);
  const title = (id: string) => (id === NO_LANE ? 'No lane' : (lanes.find((l) => l.id === id)?.name ?? id));
  const order = (id: string) => {
    const i = lanes.findIndex((l) => l.id === id);
    return i === -1 ? lanes.length : i;
  };
  const card = (kpis: LaneKpis, overall: boolean): LaneView => {
    const settings = alarmSettingsFor(kpis.lane, alarms);
    return {
      lane: kpis.lane,
      title: overall ? 'All lanes' : title(kpis.lane),
      kpis,
      figures: figureViews(kpis),
      settings,
      alarm: overall ? null : reworkAlarm(kpis.rework, settings),
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
  };
}
