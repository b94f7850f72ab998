import { useLiveQuery } from 'dexie-react-hooks';
import { optionsDb } from '@/lib/db/options-db';
import { loadLanes } from '@/lib/lanes/lane-store';
import type { Lane } from '@/lib/schemas/lane';

const list = (items: readonly string[]) => (items.length ? items.join(', ') : '—');

function LaneCard({ lane }: { lane: Lane }) {
  return (
    <article className="card lane" aria-labelledby={`lane-${lane.id}`} data-testid={`lane-${lane.id}`}>
      <h3 id={`lane-${lane.id}`}>{lane.name}</h3>
      <p>{lane.objective}</p>
      <dl className="dims">
        <dt>Trigger</dt>
        <dd>
          {lane.trigger.site}: {list([...lane.categories.map((c) => c.label), ...lane.trigger.recordTypes])}
        </dd>
        <dt>Inputs</dt>
        <dd>{list(lane.inputs)}</dd>
        <dt>Processing</dt>
        <dd>
          {list(lane.processing.actions)}
          {lane.processing.writableProperties.length > 0 && <> · may propose: {list(lane.processing.writableProperties)}</>}
        </dd>
        <dt>Outputs</dt>
        <dd>{list(lane.outputs)}</dd>
        <dt>Consumers</dt>
        <dd>{list(lane.consumers)}</dd>
        <dt>Never decides</dt>
        <dd>
          {list(lane.decisionsNotMade)}
          {lane.humanDecisionProperties.length > 0 && <> · human decision: {list(lane.humanDecisionProperties)}</>}
        </dd>
        <dt>Quality checks</dt>
        <dd>
          grounding ≥ {lane.qualityChecks.minGroundingScore}, confidence ≥ {Math.round(lane.qualityChecks.confidenceFloor * 100)}%
          {lane.qualityChecks.requiredFields.length > 0 && <>, requires {list(lane.qualityChecks.requiredFields)}</>}
        </dd>
        <dt>Failure and feedback</dt>
        <dd>
          escalate to {lane.failureFeedback.escalateTo} when {list(lane.failureFeedback.escalateWhen)}; learns from {list(lane.failureFeedback.recordForLearning)}
        </dd>
        <dt>Acknowledge</dt>
        <dd>{list(lane.riskAcknowledgements)}</dd>
        <dt>KPIs</dt>
        <dd>{list(lane.kpis)}</dd>
      </dl>
    </article>
  );
}

/** The lanes in force, each by the nine dimensions of the team's playbook. Read-only for now. */
export function LanesView() {
  const lanes = useLiveQuery(() => loadLanes(optionsDb()), []);
  if (!lanes) return <p className="muted">Loading lanes…</p>;
  return (
    <>
      <p className="muted">Each lane has one trigger, one bounded action, one review edge, and a system of record (Gmail or HubSpot) that stays authoritative.</p>
      {lanes.map((lane) => (
        <LaneCard key={lane.id} lane={lane} />
      ))}
    </>
  );
}
