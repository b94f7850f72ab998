import type { Classification, TriageResult } from '@/lib/schemas/classification';
import type { Lane } from '@/lib/schemas/lane';

const scoredFields = ['lane', 'category', 'intent', 'urgency', 'sentiment', 'language', 'owner'] as const;

/** What the product decides from a classification: which fields are too unsure to trust, and whether a human must triage. */
export function toTriageResult(classification: Classification, engine: TriageResult['engine'], lanes: Lane[], ms: number): TriageResult {
  const lane = lanes.find((l) => l.id === classification.lane.value);
  const floor = lane?.qualityChecks.confidenceFloor ?? 0.5;
  const lowConfidenceFields = scoredFields.filter((f) => classification[f].confidence < floor);
  return {
    classification,
    engine,
    lane: lane
      ? { name: lane.name, escalateTo: lane.failureFeedback.escalateTo, riskAcknowledgements: lane.riskAcknowledgements, confidenceFloor: floor, decisionsNotMade: lane.decisionsNotMade }
      : null,
    lowConfidenceFields,
    needsHumanTriage: !lane || lowConfidenceFields.some((f) => f === 'lane' || f === 'category'),
    ms,
  };
}
