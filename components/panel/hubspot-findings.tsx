import type { PipelineFinding } from '@/lib/schemas/proposal';
import { EvidenceQuote } from './evidence-quote';
import { propertyLabel } from './labels';

/** What a pipeline admin fixes on this record, each with its evidence; a gap the activity gives a value for has its proposal below. */
export function HubSpotFindings({ findings }: { findings: PipelineFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <ul className="proposals" data-testid="findings">
      {findings.map((f) => (
        <li key={f.rule} className="proposal" data-testid="finding" data-rule={f.rule} data-property={f.property}>
          <div className="proposal__head">
            <strong>{f.message}</strong>
            {f.humanDecision && <span className="decision" title="The lane leaves this decision to a person">decision: human</span>}
          </div>
          <dl className="facts">
            <dt>Evidence</dt>
            <dd>
              <EvidenceQuote evidence={f.evidence} />
            </dd>
            <dt>Fix</dt>
            <dd data-testid="finding-fix">{f.proposed ? `Proposed below: ${propertyLabel(f.property)}.` : `Nothing in the record's activity gives a value: set ${propertyLabel(f.property)} in HubSpot.`}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
