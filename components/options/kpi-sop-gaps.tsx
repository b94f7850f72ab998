import type { DashboardModel } from '@/lib/metrics/kpi-dashboard-model';
import { GAP_SIMILARITY } from '@/lib/metrics/sop-gaps';
import { gapBreakdown, gapCount, gapTitle } from '@/lib/metrics/sop-gap-text';

/** Which SOP to write next: ungrounded questions and drafts rejected for their policy, grouped by what they ask. */
export function KpiSopGaps({ gaps, keptDays }: { gaps: NonNullable<DashboardModel['gaps']>; keptDays: number | null }) {
  return (
    <section className="card" aria-labelledby="kpi-gaps-title" data-testid="kpi-sop-gaps">
      <h2 id="kpi-gaps-title">SOP gaps</h2>
      <p className="muted small">
        Questions the SOPs did not ground (the panel offered a holding reply) and drafts rejected for "Wrong or missing policy", grouped when they share at least{' '}
        {Math.round(GAP_SIMILARITY * 100)}% of their words (subject, the engine's summary, the rep's note) or their subject lines share most of theirs. Named by the
        words most of a group's threads use.
        {keptDays !== null && <> Only the last {keptDays} days are kept (General → Privacy and retention).</>}
      </p>
      {gaps.length === 0 ? (
        <p className="muted" data-testid="kpi-sop-gaps-none">
          No gaps in this range: every draft was grounded, and none was rejected for its policy.
        </p>
      ) : (
        <ol className="kpi-gaps">
          {gaps.map((g) => (
            <li key={`${g.latest}-${gapTitle(g)}`} className="kpi-gap" data-testid="kpi-sop-gap">
              <p className="kpi-gap__head">
                <strong className="kpi-gap__title">{gapTitle(g)}</strong> <span className="kpi-gap__count">{gapCount(g)}</span>
              </p>
              <p className="kpi-gap__breakdown muted small">{gapBreakdown(g)}</p>
              <p className="kpi-gap__lanes muted small">Lanes: {g.lanes.join(', ')}</p>
              <ul className="kpi-gap__examples">
                {g.examples.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
