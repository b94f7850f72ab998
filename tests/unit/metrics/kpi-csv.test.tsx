// @vitest-environment happy-dom
import Papa from 'papaparse';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { KpiDashboardView } from '@/components/options/kpi-dashboard';
import { KPI_CSV_COLUMNS, kpiCsv } from '@/lib/metrics/kpi-csv';
import { dashboardModel } from '@/lib/metrics/kpi-dashboard-model';
import { WEEK_MS } from '@/lib/metrics/weekly';
import { auditRow } from '../../support/audit-rows';
import { draftLog, merged, type DraftFate } from '../../support/generated-audit-log';

const HOUR = 3_600_000;
const TO = Date.UTC(2026, 10, 25, 12);
const S = 'support-replies';
const L = 'lead-routing';
const lanes = [
  { id: S, name: 'Support replies', kpis: ['rework under 15%'] },
  { id: L, name: 'Lead routing', kpis: [] },
  { id: 'crm-discipline', name: 'CRM discipline', kpis: [] },
  { id: 'meeting-followup', name: 'Meeting recap', kpis: [] },
];
const fill = (n: number, fate: DraftFate) => Array<DraftFate>(n).fill(fate);

/** Three weeks of two lanes: support's rework jumps in the last week (an anomaly and an alarm); leads stay quiet. */
function log() {
  const week = (i: number) => TO - (3 - i) * WEEK_MS + HOUR;
  return merged(
    draftLog(S, [...fill(19, 'sent'), 'rejected'], week(0)),
    draftLog(S, [...fill(18, 'sent'), 'rewritten', 'discarded'], week(1)),
    draftLog(S, [...fill(12, 'sent'), ...fill(6, 'rejected'), 'replaced', 'open'], week(2)),
    draftLog(L, [...fill(3, 'sent-light-edit'), 'rejected'], week(2)),
    [
      auditRow(week(2) + 2 * HOUR, 'draft.generated', 'gmail:gap1', S, { draftId: 'g1', abstained: true, grounded: false }),
      auditRow(week(2) + 3 * HOUR, 'draft.generated', 'gmail:gap2', L, { draftId: 'g2', abstained: true, grounded: false }),
      auditRow(week(2) + 4 * HOUR, 'draft.generated', 'gmail:gap3', S, { draftId: 'g3', abstained: true, grounded: false }),
    ],
    [auditRow(week(2), 'proposal.created', 'hubspot:1/0-1/1', 'crm-discipline', { property: 'phone' }), auditRow(week(2) + HOUR, 'field.written', 'hubspot:1/0-1/1', 'crm-discipline', { property: 'phone' })],
  );
}

const gaps = {
  keepFrom: 0,
  texts: {
    subjects: new Map([
      ['gmail:gap1', 'Charity gala sponsorship'],
      ['gmail:gap2', 'Sponsoring our charity gala, a raffle prize?'],
      ['gmail:gap3', 'Carbon emissions per shipment'],
    ]),
    questions: new Map([['gmail:gap1', 'Would you sponsor a table or donate a raffle prize for the gala?']]),
    notes: new Map<string, string[]>(),
  },
};

/** Reads the rendered dashboard back into CSV rows, from the DOM alone (no model, no CSV code). */
function rowsFromDom(root: ParentNode): string[][] {
  const text = (el: Element | null) => (el?.textContent ?? '').trim();
  const out: string[][] = [];
  for (const card of root.querySelectorAll('article[data-lane]')) {
    const lane = text(card.querySelector('h3'));
    const alarm = card.querySelector('.kpi-alarm');
    if (alarm) out.push(['alarm', lane, 'Rework alarm', '', text(alarm), '', '', '']);
    const anomalies = card.querySelector('[data-testid$="-anomalies"]');
    if (anomalies) {
      const items = anomalies.querySelectorAll('li');
      if (items.length === 0) out.push(['anomaly', lane, '', '', text(anomalies), '', '', '']);
      for (const li of items) out.push(['anomaly', lane, text(li).split(':')[0]!, text(li).match(/week from (\d{4}-\d\d-\d\d)/)?.[1] ?? '', text(li), '', '', '']);
    }
    for (const tile of card.querySelectorAll('section.kpi')) {
      const value = tile.querySelector('.kpi__value');
      const aside = text(value?.querySelector('.kpi__aside') ?? null);
      const figure = aside ? text(value).slice(0, -aside.length).trim() : text(value);
      const details = [...tile.querySelectorAll('.kpi__detail')].map(text).join(' | ');
      out.push(['figure', lane, text(tile.querySelector('h4')), '', figure, aside, text(tile.querySelector('.kpi__n')), details]);
    }
    const heads = [...card.querySelectorAll('.kpi-weeks__table thead th')].slice(1).map(text);
    for (const tr of card.querySelectorAll('.kpi-weeks__table tbody tr')) {
      const week = text(tr.querySelector('th'));
      [...tr.querySelectorAll('td')].forEach((td, i) => out.push(['week', lane, heads[i]!, week, text(td.querySelector('.kpi-weeks__figure')), '', text(td.querySelector('.kpi-weeks__n')), '']));
    }
  }
  const quiet = root.querySelector('[data-testid="kpi-quiet-lanes"]');
  if (quiet) out.push(['quiet', '', '', '', text(quiet), '', '', '']);
  for (const gap of root.querySelectorAll('.kpi-gap')) {
    const examples = [...gap.querySelectorAll('.kpi-gap__examples li')].map(text).join(' | ');
    out.push(['sop-gap', text(gap.querySelector('.kpi-gap__lanes')).replace(/^Lanes: /, ''), text(gap.querySelector('.kpi-gap__title')), '', text(gap.querySelector('.kpi-gap__count')), text(gap.querySelector('.kpi-gap__breakdown')), '', examples]);
  }
  return out;
}

function render(model: ReturnType<typeof dashboardModel>): Document {
  return new DOMParser().parseFromString(`<body>${renderToStaticMarkup(<KpiDashboardView model={model} />)}</body>`, 'text/html');
}

describe('the CSV export equals the dashboard', () => {
  const query = { from: TO - 21 * 24 * HOUR, to: TO };

  it.each([
    ['all lanes', { ...query }],
    ['one lane', { ...query, lane: S }],
    ['a week', { from: TO - 7 * 24 * HOUR, to: TO }],
  ])('%s: every card, alarm, anomaly, figure and weekly point, in order', (_name, q) => {
    const model = dashboardModel({ rows: log(), feedback: [], query: q, lanes, gaps });
    const csv = Papa.parse<string[]>(kpiCsv(model), { skipEmptyLines: true }).data;
    expect(csv[0]).toEqual([...KPI_CSV_COLUMNS]);
    expect(csv[1]?.[0]).toBe('range');
    const dom = rowsFromDom(render(model));
    expect(dom.length).toBeGreaterThan(20);
    expect(dom.filter((r) => r[0] === 'sop-gap').length).toBeGreaterThan(0);
    // The meeting lane did nothing: named under the cards unless another lane is filtered.
    expect(dom.filter((r) => r[0] === 'quiet').length).toBe('lane' in q ? 0 : 1);
    expect(csv.slice(2)).toEqual(dom);
  });

  it('the export holds the figures worked out by hand', () => {
    const model = dashboardModel({ rows: log(), feedback: [], query, lanes, gaps });
    const csv = Papa.parse<Record<string, string>>(kpiCsv(model), { header: true, skipEmptyLines: true }).data;
    const support = csv.filter((r) => r.lane === 'Support replies');
    // 20 drafts decided each week (the replaced pair is two, the open one none): 1 + 2 + 7 reworked.
    expect(support.find((r) => r.section === 'figure' && r.kpi === 'Rework rate')).toMatchObject({ figure: '17%', note: '10 of 60', sample: 'n = 60 decided drafts' });
    expect(support.find((r) => r.section === 'alarm')?.figure).toBe("Rework alarm: 16.7% of 60 decided drafts reworked (10), above the lane's 15% threshold");
    expect(support.filter((r) => r.section === 'anomaly').map((r) => r.figure)).toEqual(['Rework rate: 10% → 35% (+25 points) in the week from 2026-11-18, n 20 → 20']);
    expect(support.filter((r) => r.section === 'week' && r.kpi === 'Rework rate').map((r) => [r.week, r.figure, r.sample])).toEqual([
      ['2026-11-04', '5%', 'n = 20'],
      ['2026-11-11', '10%', 'n = 20'],
      ['2026-11-18', '35%', 'n = 20'],
    ]);
    const leads = csv.filter((r) => r.lane === 'Lead routing');
    expect(leads.find((r) => r.section === 'alarm')?.figure).toBe('Rework alarm: not enough data (4 of the 20 decided drafts it needs)');
    expect(leads.find((r) => r.section === 'figure' && r.kpi === 'Rework rate')).toMatchObject({ figure: 'Not enough data', note: '', sample: 'n = 4 decided drafts (fewer than 5)' });
    // The two gala questions are one gap across two lanes; the carbon one another.
    expect(csv.filter((r) => r.section === 'sop-gap').map((r) => [r.lane, r.figure, r.details])).toEqual([
      ['Support replies, Lead routing', '2 threads', 'Sponsoring our charity gala, a raffle prize? | Charity gala sponsorship'],
      ['Support replies', '1 thread', 'Carbon emissions per shipment'],
    ]);
  });

  it('a lane name that reads as a formula is not run by a spreadsheet', () => {
    const model = dashboardModel({ rows: log(), feedback: [], query, lanes: [{ id: S, name: '=HYPERLINK("x")', kpis: [] }] });
    expect(kpiCsv(model)).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
