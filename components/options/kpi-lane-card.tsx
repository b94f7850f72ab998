import type { ReactNode } from 'react';
import type { LaneKpis, Share, Spread } from '@/lib/metrics/compute-kpis';
import { enoughData, formatDuration, formatShare } from '@/lib/metrics/format-kpi';
import { MIN_SAMPLE, type KpiId } from '@/lib/metrics/kpi-definitions';

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k.replaceAll('_', ' ')} ${v}`)
    .join(' · ');

/** The sample size beside every figure, and no number at all below MIN_SAMPLE. noun is [one, many]. */
function Figure({ n, noun, children }: { n: number; noun: readonly [string, string]; children: ReactNode }) {
  return (
    <>
      <p className="kpi__value" data-enough={enoughData(n)}>
        {enoughData(n) ? children : n === 0 ? 'No data' : 'Not enough data'}
      </p>
      <p className="kpi__n">
        n = {n} {n === 1 ? noun[0] : noun[1]}
        {!enoughData(n) && n > 0 && <> (fewer than {MIN_SAMPLE})</>}
      </p>
    </>
  );
}

function Tile({ testId, title, children }: { testId: string; title: string; children: ReactNode }) {
  return (
    <section className="kpi" data-testid={testId} aria-label={title}>
      <h4 className="kpi__title">{title}</h4>
      {children}
    </section>
  );
}

const shareFigure = (s: Share) => `${formatShare(s.value ?? 0)}`;
const spreadFigure = (s: Spread) => `${formatDuration(s.median ?? 0)}`;

/** One lane's KPIs: every figure with its n; what the lane set out to prove, underneath. */
export function KpiLaneCard({ kpis, title, declared }: { kpis: LaneKpis; title: string; declared: readonly string[] }) {
  const { firstResponse, acceptedWithoutEdit, rework, escalationPrecision: esc, fieldFreshness: fresh, corrections } = kpis;
  const id = (kpi: KpiId) => `kpi-${kpis.lane === '*' ? 'all' : kpis.lane || 'none'}-${kpi}`;
  return (
    <article className="card kpi-card" aria-label={title} data-testid={`kpi-lane-${kpis.lane === '*' ? 'all' : kpis.lane || 'none'}`}>
      <h3>{title}</h3>
      <div className="kpi-grid">
        <Tile testId={id('firstResponse')} title="First-response time">
          <Figure n={firstResponse.n} noun={['reply', 'replies']}>
            {spreadFigure(firstResponse)} <span className="kpi__aside">median · p90 {formatDuration(firstResponse.p90 ?? 0)}</span>
          </Figure>
        </Tile>
        <Tile testId={id('acceptedWithoutEdit')} title="Accepted without edit">
          <Figure n={acceptedWithoutEdit.n} noun={['sent draft', 'sent drafts']}>
            {shareFigure(acceptedWithoutEdit)} <span className="kpi__aside">{acceptedWithoutEdit.hits} of {acceptedWithoutEdit.n}</span>
          </Figure>
        </Tile>
        <Tile testId={id('rework')} title="Rework rate">
          <Figure n={rework.n} noun={['decided draft', 'decided drafts']}>
            {shareFigure(rework)} <span className="kpi__aside">{rework.hits} of {rework.n}</span>
          </Figure>
          <p className="kpi__detail">
            rejected {rework.rejected} · discarded {rework.discarded} · replaced {rework.replaced} · rewritten {rework.heavilyEdited} · open {rework.open}
          </p>
        </Tile>
        <Tile testId={id('escalationPrecision')} title="Escalation precision">
          <Figure n={esc.n} noun={['decided flag', 'decided flags']}>
            {shareFigure(esc)} <span className="kpi__aside">{esc.hits} of {esc.n} confirmed</span>
          </Figure>
          <p className="kpi__detail">
            flagged {esc.flagged} · undecided {esc.undecided}
          </p>
        </Tile>
        <Tile testId={id('fieldFreshness')} title="Field freshness">
          <Figure n={fresh.toWrite.n} noun={['write timed', 'writes timed']}>
            {spreadFigure(fresh.toWrite)} <span className="kpi__aside">median to write</span>
          </Figure>
          <p className="kpi__detail">
            resolved within 24 h: {enoughData(fresh.resolvedWithin24h.n) ? formatShare(fresh.resolvedWithin24h.value ?? 0) : 'not enough data'} (n = {fresh.resolvedWithin24h.n})
          </p>
          <p className="kpi__detail">
            conflicts {fresh.conflicts} in {fresh.writes} writes · open {fresh.open}
          </p>
        </Tile>
        <Tile testId={id('corrections')} title="Corrections">
          <p className="kpi__value">{corrections.total}</p>
          <p className="kpi__n">
            {corrections.total > 0 ? counts(corrections.byField) : 'none'} · learnt by the local engine {corrections.learnt}
          </p>
          {Object.keys(corrections.rejectionReasons).length > 0 && <p className="kpi__detail">draft rejections: {counts(corrections.rejectionReasons)}</p>}
        </Tile>
      </div>
      {declared.length > 0 && <p className="muted small">This lane's own goals: {declared.join('; ')}.</p>}
    </article>
  );
}
