import { kpiDefinitions, MIN_SAMPLE } from '@/lib/metrics/kpi-definitions';
import { alarmDefinitions } from '@/lib/metrics/alarm-definitions';

/** What each figure counts and what it cannot see, as the computation does it. */
export function KpiDefinitionsList() {
  return (
    <section className="card" aria-labelledby="kpi-definitions-title" data-testid="kpi-definitions">
      <h2 id="kpi-definitions-title">How these figures are computed</h2>
      <p className="muted small">From the audit log and the feedback log on this computer. A figure over fewer than {MIN_SAMPLE} samples shows "not enough data".</p>
      <dl className="kpi-definitions">
        {[...kpiDefinitions, ...alarmDefinitions].map((d) => (
          <div key={d.id}>
            <dt>{d.title}</dt>
            <dd>
              {d.definition} <span className="muted">Limits: {d.limits}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
