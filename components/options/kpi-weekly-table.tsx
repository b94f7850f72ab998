import { laneKey, type LaneView } from '@/lib/metrics/kpi-dashboard-model';
import { isoDay, trendKpiIds, trendKpis, trendText } from '@/lib/metrics/weekly';

/** The chart's points in words, week by week, each with its n: readable without the chart, and what the CSV holds. */
export function KpiWeeklyTable({ view }: { view: LaneView }) {
  return (
    <table className="kpi-weeks__table" data-testid={`kpi-weeks-${laneKey(view.lane)}`}>
      <thead>
        <tr>
          <th scope="col">Week from</th>
          {trendKpiIds.map((k) => (
            <th key={k} scope="col">
              {trendKpis[k].title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {view.weeks.map((w) => (
          <tr key={w.from} data-week={isoDay(w.from)}>
            <th scope="row">{isoDay(w.from)}</th>
            {trendKpiIds.map((k) => (
              <td key={k} data-kpi={k}>
                <span className="kpi-weeks__figure">{trendText(k, w.points[k])}</span> <span className="kpi-weeks__n">n = {w.points[k].n}</span>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
