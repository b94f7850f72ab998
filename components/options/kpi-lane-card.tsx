import type { FigureView } from '@/lib/metrics/kpi-figures';
import { laneKey, noAnomalyText, type LaneView } from '@/lib/metrics/kpi-dashboard-model';
import { KpiTrendChart } from './kpi-trend-chart';
import { KpiWeeklyTable } from './kpi-weekly-table';
import { anomalyText } from '@/lib/metrics/anomalies';
import { reworkAlarmText } from '@/lib/metrics/rework-alarm';


function Tile({ lane, figure }: { lane: string; figure: FigureView }) {
  return (
    <section className="kpi" data-testid={`kpi-${laneKey(lane)}-${figure.kpi}`} data-kpi={figure.kpi} aria-label={figure.title}>
      <h4 className="kpi__title">{figure.title}</h4>
      <p className="kpi__value" data-enough={figure.enough}>
        {figure.value}
        {figure.aside && (
          <>
            {' '}
            <span className="kpi__aside">{figure.aside}</span>
          </>
        )}
      </p>
      <p className="kpi__n">{figure.sample}</p>
      {figure.details.map((d) => (
        <p key={d} className="kpi__detail">
          {d}
        </p>
      ))}
    </section>
  );
}

/** Week-over-week shifts beyond the lane's threshold, or a line saying there were none. */
function Anomalies({ view }: { view: LaneView }) {
  const testId = `kpi-${laneKey(view.lane)}-anomalies`;
  if (view.anomalies.length === 0) {
    return (
      <p className="muted small" data-testid={testId}>
        {noAnomalyText(view)}
      </p>
    );
  }
  return (
    <ul className="kpi-anomalies" data-testid={testId} aria-label="Week-over-week anomalies">
      {view.anomalies.map((a) => (
        <li key={`${a.kpi}-${a.weekFrom}`}>{anomalyText(a)}</li>
      ))}
    </ul>
  );
}

/** One lane's KPIs: its rework alarm, every figure with its n, and what the lane set out to prove underneath. */
export function KpiLaneCard({ view }: { view: LaneView }) {
  return (
    <article className="card kpi-card" aria-label={view.title} data-testid={`kpi-lane-${laneKey(view.lane)}`} data-lane={view.lane}>
      <h3>{view.title}</h3>
      {view.alarm && (
        <p className={`kpi-alarm kpi-alarm--${view.alarm.state}`} data-testid={`kpi-${laneKey(view.lane)}-alarm`} data-state={view.alarm.state}>
          {reworkAlarmText(view.alarm)}
        </p>
      )}
      {view.lane !== '*' && <Anomalies view={view} />}
      <div className="kpi-grid">
        {view.figures.map((f) => (
          <Tile key={f.kpi} lane={view.lane} figure={f} />
        ))}
      </div>
      <KpiTrendChart view={view} />
      <details className="kpi-weeks">
        <summary>Week by week</summary>
        <KpiWeeklyTable view={view} />
      </details>
      {view.declared.length > 0 && <p className="muted small">This lane's own goals: {view.declared.join('; ')}.</p>}
    </article>
  );
}
