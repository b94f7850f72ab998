import type { LaneKpis, Share, Spread } from './compute-kpis';
import { enoughData, formatDuration, formatShare } from './format-kpi';
import { MIN_SAMPLE, type KpiId } from './kpi-definitions';

/**
 * A lane's KPIs as the dashboard words them, one tile per KPI. The dashboard renders these strings and the CSV export
 * writes them, so the file holds exactly what the admin saw.
 */
export interface FigureView {
  kpi: KpiId;
  title: string;
  /** Whether the sample is large enough to show a number. */
  enough: boolean;
  /** The figure, or "Not enough data" / "No data" below MIN_SAMPLE. */
  value: string;
  /** Beside the figure: "2 of 8", "median · p90 1 h"; empty without a figure. */
  aside: string;
  /** "n = 8 decided drafts". */
  sample: string;
  details: string[];
}

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k.replaceAll('_', ' ')} ${v}`)
    .join(' · ');

/** The value and its n, with no number at all below MIN_SAMPLE. noun is [one, many]. */
function figure(n: number, noun: readonly [string, string], value: string, aside: string): Pick<FigureView, 'enough' | 'value' | 'aside' | 'sample'> {
  const enough = enoughData(n);
  return {
    enough,
    value: enough ? value : n === 0 ? 'No data' : 'Not enough data',
    aside: enough ? aside : '',
    sample: `n = ${n} ${n === 1 ? noun[0] : noun[1]}${!enough && n > 0 ? ` (fewer than ${MIN_SAMPLE})` : ''}`,
  };
}

const share = (s: Share) => formatShare(s.value ?? 0);
const median = (s: Spread) => formatDuration(s.median ?? 0);

export function figureViews(kpis: LaneKpis): FigureView[] {
  const { firstResponse: fr, acceptedWithoutEdit: awe, rework, escalationPrecision: esc, fieldFreshness: fresh, corrections: corr, routing } = kpis;
  return [
    { kpi: 'firstResponse', title: 'First-response time', ...figure(fr.n, ['reply', 'replies'], median(fr), `median · p90 ${formatDuration(fr.p90 ?? 0)}`), details: [] },
    { kpi: 'acceptedWithoutEdit', title: 'Accepted without edit', ...figure(awe.n, ['sent draft', 'sent drafts'], share(awe), `${awe.hits} of ${awe.n}`), details: [] },
    {
      kpi: 'rework',
      title: 'Rework rate',
      ...figure(rework.n, ['decided draft', 'decided drafts'], share(rework), `${rework.hits} of ${rework.n}`),
      details: [`rejected ${rework.rejected} · discarded ${rework.discarded} · replaced ${rework.replaced} · rewritten ${rework.heavilyEdited} · open ${rework.open}`],
    },
    {
      kpi: 'escalationPrecision',
      title: 'Escalation precision',
      ...figure(esc.n, ['decided flag', 'decided flags'], share(esc), `${esc.hits} of ${esc.n} confirmed`),
      details: [`flagged ${esc.flagged} · undecided ${esc.undecided}`],
    },
    {
      kpi: 'fieldFreshness',
      title: 'Field freshness',
      ...figure(fresh.toWrite.n, ['write timed', 'writes timed'], median(fresh.toWrite), 'median to write'),
      details: [
        `resolved within 24 h: ${enoughData(fresh.resolvedWithin24h.n) ? share(fresh.resolvedWithin24h) : 'not enough data'} (n = ${fresh.resolvedWithin24h.n})`,
        `conflicts ${fresh.conflicts} in ${fresh.writes} writes · open ${fresh.open}`,
      ],
    },
    { kpi: 'routing', title: 'Routing accepted', ...figure(routing.n, ['routing decision', 'routing decisions'], share(routing), `${routing.hits} of ${routing.n} · changed ${routing.n - routing.hits}`), details: [] },
    {
      kpi: 'corrections',
      title: 'Corrections',
      enough: true,
      value: String(corr.total),
      aside: '',
      sample: `${corr.total > 0 ? counts(corr.byField) : 'none'} · learnt by the local engine ${corr.learnt}`,
      details: Object.keys(corr.rejectionReasons).length > 0 ? [`draft rejections: ${counts(corr.rejectionReasons)}`] : [],
    },
  ];
}
