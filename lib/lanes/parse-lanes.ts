import { fail, ok, type Result } from '@/lib/schemas/errors';
import { lanesSchema, type Lane } from '@/lib/schemas/lane';

/** Money, stage and date properties: wherever a lane may write them, a human decides them. */
export const ALWAYS_HUMAN_PROPERTIES = ['dealstage', 'amount', 'closedate'] as const;

/**
 * Lanes read from data (storage, an imported bundle, the options editor): the schema,
 * unique ids, and the rules no lane data may relax.
 */
export function parseLanes(json: unknown): Result<Lane[]> {
  const parsed = lanesSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    return fail('lanes_invalid', `The lane definitions are not valid${where ? ` (at ${where})` : ''}: ${issue?.message ?? 'unknown problem'}.`, 'Fix that field in the lane editor, or restore the default lanes.');
  }
  const lanes = parsed.data;
  const seen = new Set<string>();
  for (const lane of lanes) {
    if (seen.has(lane.id)) return fail('lanes_duplicate_id', `Two lanes share the id "${lane.id}".`, 'Give each lane its own id.');
    seen.add(lane.id);
    for (const property of ALWAYS_HUMAN_PROPERTIES) {
      if (lane.processing.writableProperties.includes(property) && !lane.humanDecisionProperties.includes(property)) {
        return fail('lanes_human_decision', `Lane "${lane.name}" may write ${property} without a human decision.`, `Add ${property} to the lane's human decision properties, or remove it from its writable properties.`);
      }
    }
    const notWritable = lane.humanDecisionProperties.find((p) => !lane.processing.writableProperties.includes(p));
    if (notWritable) {
      return fail('lanes_human_decision', `Lane "${lane.name}" lists ${notWritable} as a human decision but may not write it.`, `Add ${notWritable} to the lane's writable properties, or remove it from its human decision properties.`);
    }
  }
  return ok(lanes);
}
