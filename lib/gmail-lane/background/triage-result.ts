import { findCategory, taxonomyChoices } from '@/lib/lanes/taxonomy';
import type { Classification, TriageResult } from '@/lib/schemas/classification';
import type { Lane } from '@/lib/schemas/lane';

const scoredFields = ['lane', 'category', 'intent', 'urgency', 'sentiment', 'language', 'owner'] as const;

/**
 * What the product decides from a classification, whichever engine made it: which fields are too unsure to trust,
 * whether a human must triage, and the risk acknowledgements the team ties to the category.
 */
export function toTriageResult(classification: Classification, engine: TriageResult['engine'], lanes: Lane[], ms: number): TriageResult {
  const lane = lanes.find((l) => l.id === classification.lane.value);
  const floor = lane?.qualityChecks.confidenceFloor ?? 0.5;
  const lowConfidenceFields = scoredFields.filter((f) => classification[f].confidence < floor);
  return {
    classification: withCategoryRisks(classification, lanes),
    engine,
    lane: lane
      ? { name: lane.name, escalateTo: lane.failureFeedback.escalateTo, riskAcknowledgements: lane.riskAcknowledgements, confidenceFloor: floor, decisionsNotMade: lane.decisionsNotMade }
      : null,
    categoryLabel: findCategory(lanes, classification.category.value)?.category.label ?? null,
    choices: taxonomyChoices(lanes),
    // The thread's routing is the session's to add: this is about the classification alone.
    routing: null,
    lowConfidenceFields,
    needsHumanTriage: !lane || lowConfidenceFields.some((f) => f === 'lane' || f === 'category'),
    ms,
  };
}

/** A category the team says always needs an acknowledgement raises it, whatever the words. */
function withCategoryRisks(classification: Classification, lanes: Lane[]): Classification {
  const category = findCategory(lanes, classification.category.value)?.category;
  const missing = (category?.riskAcknowledgements ?? []).filter((flag) => !classification.riskFlags.some((r) => r.flag === flag));
  if (!category || missing.length === 0) return classification;
  const raised = missing.map((flag) => ({ flag, evidence: `Every "${category.label}" message needs this acknowledged.`, confidence: classification.category.confidence }));
  return { ...classification, riskFlags: [...classification.riskFlags, ...raised] };
}
