import type { TriageResult } from '@/lib/schemas/classification';
import type { AppError } from '@/lib/schemas/errors';
import { humanize, percent, riskLabels } from './labels';
import { ErrorState } from './panel-section';
import { CorrectableField } from './correctable-field';
import { RoutingControl } from './routing-control';

interface Props {
  result: TriageResult;
  engineError: AppError | null;
  /** Records a rep's correction; resolves to a problem to show, or null. */
  onCorrect: (field: 'category' | 'urgency' | 'owner', from: string, to: string) => Promise<string | null>;
  /** Records the rep's routing decision; resolves to a problem to show, or null. */
  onRoute: (owner: string) => Promise<string | null>;
  /** Runs the triage again, e.g. after Claude was busy. */
  onRetry: () => void;
}

const urgencyOptions = (['P1', 'P2', 'P3', 'P4'] as const).map((u) => ({ value: u, label: u }));

function Confidence({ field, value, low }: { field: string; value: number; low: boolean }) {
  return (
    <span className={low ? 'conf conf--low' : 'conf'} title={`${field} confidence`}>
      {low ? `low · ${percent(value)}` : percent(value)}
    </span>
  );
}

/** Lane, category, urgency, risk flags and owner, each with how sure the engine is. */
export function ClassificationView({ result, engineError, onCorrect, onRoute, onRetry }: Props) {
  const c = result.classification;
  const low = new Set(result.lowConfidenceFields);
  // The team's taxonomy comes with the result: the panel knows no category of its own.
  const categoryOptions = result.choices.categories.map((o) => ({ value: o.id, label: o.label }));
  return (
    <div data-testid="classification">
      {result.needsHumanTriage && (
        <p className="banner banner--warn" role="status" data-testid="needs-human-triage">
          Unsure of this one: route it to human triage ({result.lane?.escalateTo ?? 'the triage queue'}).
        </p>
      )}
      <p className="summary">{c.summary}</p>
      <dl className="facts">
        <dt>Lane</dt>
        <dd data-testid="cls-lane">
          {result.lane?.name ?? humanize(c.lane.value)} <Confidence field="lane" value={c.lane.confidence} low={low.has('lane')} />
        </dd>
        <dt>Category</dt>
        <dd data-testid="cls-category">
          <CorrectableField label="category" value={c.category.value} options={categoryOptions} onCorrect={(to) => onCorrect('category', c.category.value, to)}>
            {result.categoryLabel ?? humanize(c.category.value)} <Confidence field="category" value={c.category.confidence} low={low.has('category')} />
          </CorrectableField>
        </dd>
        <dt>Intent</dt>
        <dd>{c.intent.value}</dd>
        <dt>Urgency</dt>
        <dd data-testid="cls-urgency">
          <CorrectableField label="urgency" value={c.urgency.value} options={urgencyOptions} onCorrect={(to) => onCorrect('urgency', c.urgency.value, to)}>
            <span className={`urgency urgency--${c.urgency.value}`}>{c.urgency.value}</span> {c.urgency.reason}
          </CorrectableField>
        </dd>
        <dt>Tone</dt>
        <dd>
          {c.sentiment.value} · {c.language.value}
        </dd>
        <dt>Owner</dt>
        <dd data-testid="cls-owner">
          {c.owner.value} <Confidence field="owner" value={c.owner.confidence} low={low.has('owner')} />
          <RoutingControl suggested={c.owner.value} owners={result.choices.owners} routing={result.routing} onRoute={onRoute} />
        </dd>
      </dl>
      {c.riskFlags.length > 0 && (
        <ul className="flags" aria-label="Risk flags" data-testid="risk-flags">
          {c.riskFlags.map((f) => (
            <li key={f.flag} className="flag" data-flag={f.flag}>
              <strong>{riskLabels[f.flag].label}</strong>: review required
              <span className="muted"> · “{f.evidence}”</span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted small" data-testid="cls-engine">
        {result.engine === 'local' ? 'Local engine' : 'Claude'} · {Math.round(result.ms)} ms
      </p>
      {engineError && (
        <div data-testid="engine-error">
          <ErrorState message={`Claude: ${engineError.message}`} nextStep={`${engineError.nextStep} The local engine's result is shown meanwhile.`} />
          {engineError.code === 'claude.busy' && (
            <p className="actions">
              {engineError.retryAfterMs !== undefined && <span className="muted small">Claude asked to wait about {Math.max(1, Math.ceil(engineError.retryAfterMs / 1000))} s.</span>}
              <button type="button" className="button" onClick={onRetry}>
                Retry with Claude
              </button>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
