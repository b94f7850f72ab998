import { writeCsv } from '@/lib/text/csv';
import { anomalyText } from './anomalies';
import { noAnomalyText, quietText, type DashboardModel } from './kpi-dashboard-model';
import { reworkAlarmText } from './rework-alarm';
import { gapBreakdown, gapCount, gapTitle } from './sop-gap-text';
import { isoDay, trendKpiIds, trendKpis, trendText } from './weekly';

export const KPI_CSV_COLUMNS = ['section', 'lane', 'kpi', 'week', 'figure', 'note', 'sample', 'details'] as const;
type CsvRow = Record<(typeof KPI_CSV_COLUMNS)[number], string>;

const row = (r: Partial<CsvRow>): CsvRow => Object.fromEntries(KPI_CSV_COLUMNS.map((c) => [c, r[c] ?? ''])) as CsvRow;

/**
 * The dashboard as a CSV file: the same strings the cards, alarms, anomalies and weekly tables show, card by card in
 * their order, so a spreadsheet holds exactly what the admin saw (a "Not enough data" stays those words, not a number). A lane
 * name that starts like a formula gets an apostrophe in front (writeCsv), so a spreadsheet does not run it.
 */
export function kpiCsv(model: DashboardModel): string {
  const rows: CsvRow[] = [row({ section: 'range', figure: `${isoDay(model.from)} to ${isoDay(model.to)}`, sample: `${model.events} audit events` })];
  for (const card of model.cards) {
    const lane = card.title;
    if (card.alarm) rows.push(row({ section: 'alarm', lane, kpi: 'Rework alarm', figure: reworkAlarmText(card.alarm) }));
    if (card.lane !== '*') {
      if (card.anomalies.length === 0) rows.push(row({ section: 'anomaly', lane, figure: noAnomalyText(card) }));
      for (const a of card.anomalies) rows.push(row({ section: 'anomaly', lane, kpi: trendKpis[a.kpi].title, week: isoDay(a.weekFrom), figure: anomalyText(a) }));
    }
    for (const f of card.figures) rows.push(row({ section: 'figure', lane, kpi: f.title, figure: f.value, note: f.aside, sample: f.sample, details: f.details.join(' | ') }));
    for (const w of card.weeks) {
      for (const k of trendKpiIds) rows.push(row({ section: 'week', lane, kpi: trendKpis[k].title, week: isoDay(w.from), figure: trendText(k, w.points[k]), sample: `n = ${w.points[k].n}` }));
    }
  }
  if (model.quiet.length > 0) rows.push(row({ section: 'quiet', figure: quietText(model.quiet) }));
  for (const g of model.gaps ?? []) rows.push(row({ section: 'sop-gap', lane: g.lanes.join(', '), kpi: gapTitle(g), figure: gapCount(g), note: gapBreakdown(g), details: g.examples.join(' | ') }));
  return writeCsv(rows, KPI_CSV_COLUMNS);
}
