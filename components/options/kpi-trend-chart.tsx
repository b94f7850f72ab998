import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { laneKey, type LaneView } from '@/lib/metrics/kpi-dashboard-model';
import { enoughData, formatDuration } from '@/lib/metrics/format-kpi';
import { isoDay, trendKpiIds, trendKpis, type TrendKpi } from '@/lib/metrics/weekly';

const colours: Record<TrendKpi, string> = {
  firstResponse: '#8a5a00',
  acceptedWithoutEdit: '#1d6b3a',
  rework: '#b3261e',
  escalationPrecision: '#2f5d8a',
  fieldFreshness: '#6b4fa0',
  routing: '#2b7a78',
};
const HEIGHT = 220;
const HALF_DAY_S = 12 * 60 * 60;

/**
 * A lane's KPIs week by week (uPlot, canvas): shares in % on the left axis, the median first-response time on the
 * right. A week under the minimum sample is a gap, as its figure says "not enough data". The table beside it holds the
 * same points in words.
 */
export function KpiTrendChart({ view }: { view: LaneView }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const xs = view.weeks.map((w) => w.from / 1000);
    const ys = trendKpiIds.map((k) =>
      view.weeks.map((w) => {
        const p = w.points[k];
        if (p.value === null || !enoughData(p.n)) return null;
        return trendKpis[k].unit === 'share' ? Math.round(p.value * 1000) / 10 : p.value / 60_000;
      }),
    );
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth),
        height: HEIGHT,
        // Half a day either side, so the first and last weeks' points are not cut by the frame.
        scales: { x: { time: true, range: (_u, lo, hi) => [lo - HALF_DAY_S, hi + HALF_DAY_S] }, pct: { range: [0, 100] }, min: { range: (_u, _lo, hi) => [0, Math.max(1, hi ?? 1) * 1.1] } },
        series: [
          {},
          ...trendKpiIds.map((k) => ({
            label: trendKpis[k].title,
            stroke: colours[k],
            width: 2,
            scale: trendKpis[k].unit === 'share' ? 'pct' : 'min',
            spanGaps: false,
            points: { show: true, size: 6 },
          })),
        ],
        // Ticks on the weeks the table lists, named as it names them.
        axes: [
          { splits: () => xs, values: (_u, ticks) => ticks.map((t) => isoDay(t * 1000)) },
          { scale: 'pct', values: (_u, ticks) => ticks.map((t) => `${t}%`) },
          { scale: 'min', side: 1, size: 64, grid: { show: false }, values: (_u, ticks) => ticks.map((t) => formatDuration(t * 60_000)) },
        ],
        // The legend names the lines; the values are in the table (a live legend would read "not enough data" at rest).
        legend: { live: false },
      },
      [xs, ...ys],
      el,
    );
    // The card's width follows the window: the canvas follows the card.
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(320, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [view.weeks]);
  return <div ref={host} className="kpi-chart" data-testid={`kpi-chart-${laneKey(view.lane)}`} role="img" aria-label={`${view.title}: KPIs by week`} />;
}
