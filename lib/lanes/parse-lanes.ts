import { fail, ok, type Result } from '@/lib/schemas/errors';
import { lanesSchema, type Lane } from '@/lib/schemas/lane';
import { defaultLanes } from './default-lanes';

/** Money, stage and date properties: wherever a lane may write them, a human decides them. */
export const ALWAYS_HUMAN_PROPERTIES = ['dealstage', 'amount', 'closedate'] as const;

/**
 * Lanes read from data (storage, an imported bundle, the options editor): the schema,
 * unique ids, and the rules no lane data may relax.
 */
export function parseLanes(json: unknown): Result<Lane[]> {
  const parsed = lanesSchema.safeParse(upgradeLegacyLanes(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    return fail('lanes_invalid', `The lane definitions are not valid${where ? ` (at ${where})` : ''}: ${issue?.message ?? 'unknown problem'}.`, 'Fix that field in the lane editor, or restore the default lanes.');
  }
  const lanes = parsed.data;
  const seen = new Set<string>();
  const categoryLane = new Map<string, string>();
  for (const lane of lanes) {
    if (seen.has(lane.id)) return fail('lanes_duplicate_id', `Two lanes share the id "${lane.id}".`, 'Give each lane its own id.');
    seen.add(lane.id);
    for (const category of lane.categories) {
      const other = categoryLane.get(category.id);
      if (other !== undefined) {
        return fail('lanes_duplicate_category', `The category "${category.id}" is in two lanes (${other} and ${lane.name}).`, 'A category belongs to one lane: remove it from one of them, or give it another id.');
      }
      categoryLane.set(category.id, lane.name);
    }
    for (const property of ALWAYS_HUMAN_PROPERTIES) {
      if (lane.processing.writableProperties.includes(property) && !lane.humanDecisionProperties.includes(property)) {
        return fail('lanes_human_decision', `Lane "${lane.name}" may write ${property} without a human decision.`, `Add ${property} to the lane's human decision properties, or remove it from its writable properties.`);
      }
    }
    const notCarried = lane.qualityChecks.requiredFields.find((f) => !lane.handoffFields.includes(f));
    if (notCarried) {
      return fail('lanes_required_field', `Lane "${lane.name}" requires ${notCarried}, but its handoff does not carry it.`, `Add ${notCarried} to the lane's handoff fields, or remove it from its required fields.`);
    }
    const notWritable = lane.humanDecisionProperties.find((p) => !lane.processing.writableProperties.includes(p));
    if (notWritable) {
      return fail('lanes_human_decision', `Lane "${lane.name}" lists ${notWritable} as a human decision but may not write it.`, `Add ${notWritable} to the lane's writable properties, or remove it from its human decision properties.`);
    }
  }
  return ok(lanes);
}

/**
 * Lanes saved before categories were data listed category ids in `trigger.categories`: each id becomes the starter
 * category of that id, or a bare category the admin fills in.
 */
function upgradeLegacyLanes(json: unknown): unknown {
  if (!Array.isArray(json)) return json;
  const starter = new Map(defaultLanes.flatMap((l) => l.categories.map((c) => [c.id, c] as const)));
  return json.map((lane: unknown) => {
    if (typeof lane !== 'object' || lane === null || 'categories' in lane) return lane;
    const { trigger, ...rest } = lane as { trigger?: { categories?: unknown } & Record<string, unknown>; failureFeedback?: { escalateTo?: unknown } };
    if (!trigger || !Array.isArray(trigger.categories)) return lane;
    const { categories: ids, ...ownTrigger } = trigger;
    const owner = typeof rest.failureFeedback?.escalateTo === 'string' && rest.failureFeedback.escalateTo ? rest.failureFeedback.escalateTo : 'Triage';
    const categories = (ids as unknown[]).map((id) => starter.get(String(id)) ?? { id, label: String(id).replace(/_/g, ' '), intent: 'ask a question', owner });
    return { ...rest, trigger: ownTrigger, categories };
  });
}
