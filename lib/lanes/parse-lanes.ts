import type { z } from 'zod';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { lanesSchema, type Lane } from '@/lib/schemas/lane';
import { defaultLanes } from './default-lanes';

/** Money, stage and date properties: wherever a lane may write them, a human decides them. */
export const ALWAYS_HUMAN_PROPERTIES = ['dealstage', 'amount', 'closedate'] as const;

/** The next step of a schema problem: on the field itself, the editor shows only the problem. */
export const FIX_FIELD_NEXT_STEP = 'Fix that field in the lane editor, or restore the default lanes.';

/** One problem in lane data, at the field it is about (lane index first), with what to do next. */
export interface LaneIssue {
  code: 'lanes_invalid' | 'lanes_duplicate_id' | 'lanes_duplicate_category' | 'lanes_human_decision' | 'lanes_required_field' | 'lanes_routing';
  path: Array<string | number>;
  message: string;
  nextStep: string;
}

/**
 * Lanes read from data (storage, an imported file, the options editor): the schema,
 * unique ids, and the rules no lane data may relax. The first problem, as an error the UI can show.
 */
export function parseLanes(json: unknown): Result<Lane[]> {
  const checked = checkLanes(json);
  const first = checked.issues[0];
  if (!first) return ok(checked.lanes as Lane[]);
  if (first.code !== 'lanes_invalid') return fail(first.code, first.message, first.nextStep);
  const where = first.path.join('.');
  return fail(first.code, `The lane definitions are not valid${where ? ` (at ${where})` : ''}: ${first.message}`, first.nextStep);
}

/** Every problem in lane data, each at its field, so an editor can show them where they are; the lanes when there are none. */
export function checkLanes(json: unknown): { lanes: Lane[] | null; issues: LaneIssue[] } {
  const parsed = lanesSchema.safeParse(upgradeLegacyLanes(json));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue): LaneIssue => ({
      code: 'lanes_invalid',
      path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
      message: plainMessage(issue),
      nextStep: FIX_FIELD_NEXT_STEP,
    }));
    return { lanes: null, issues };
  }
  const issues = ruleIssues(parsed.data);
  return { lanes: issues.length ? null : parsed.data, issues };
}

/** The rules the schema cannot say: unique ids, one lane per category, money and stage kept for a human, required fields the handoff carries. */
function ruleIssues(lanes: Lane[]): LaneIssue[] {
  const issues: LaneIssue[] = [];
  const seen = new Set<string>();
  const categoryLane = new Map<string, string>();
  lanes.forEach((lane, i) => {
    if (seen.has(lane.id)) issues.push({ code: 'lanes_duplicate_id', path: [i, 'id'], message: `Two lanes share the id "${lane.id}".`, nextStep: 'Give each lane its own id.' });
    seen.add(lane.id);
    lane.categories.forEach((category, j) => {
      const other = categoryLane.get(category.id);
      if (other !== undefined) {
        issues.push({
          code: 'lanes_duplicate_category',
          path: [i, 'categories', j, 'id'],
          message: `The category "${category.id}" is in two lanes (${other} and ${lane.name}).`,
          nextStep: 'A category belongs to one lane: remove it from one of them, or give it another id.',
        });
      } else categoryLane.set(category.id, lane.name);
    });
    for (const property of ALWAYS_HUMAN_PROPERTIES) {
      if (lane.processing.writableProperties.includes(property) && !lane.humanDecisionProperties.includes(property)) {
        issues.push({
          code: 'lanes_human_decision',
          path: [i, 'humanDecisionProperties'],
          message: `Lane "${lane.name}" may write ${property} without a human decision.`,
          nextStep: `Add ${property} to the lane's human decision properties, or remove it from its writable properties.`,
        });
      }
    }
    const notCarried = lane.qualityChecks.requiredFields.find((f) => !lane.handoffFields.includes(f));
    if (notCarried) {
      issues.push({
        code: 'lanes_required_field',
        path: [i, 'qualityChecks', 'requiredFields'],
        message: `Lane "${lane.name}" requires ${notCarried}, but its handoff does not carry it.`,
        nextStep: `Add ${notCarried} to the lane's handoff fields, or remove it from its required fields.`,
      });
    }
    issues.push(...routingIssues(lane, i));
    const notWritable = lane.humanDecisionProperties.find((p) => !lane.processing.writableProperties.includes(p));
    if (notWritable) {
      issues.push({
        code: 'lanes_human_decision',
        path: [i, 'humanDecisionProperties'],
        message: `Lane "${lane.name}" lists ${notWritable} as a human decision but may not write it.`,
        nextStep: `Add ${notWritable} to the lane's writable properties, or remove it from its human decision properties.`,
      });
    }
  });
  return issues;
}

/** Routing reads only what the handoff carries and proposes only what the lane may write. */
function routingIssues(lane: Lane, i: number): LaneIssue[] {
  const issues: LaneIssue[] = [];
  const rules = lane.routing ?? [];
  rules.forEach((rule, j) => {
    if (!lane.handoffFields.includes(rule.when.field)) {
      issues.push({
        code: 'lanes_routing',
        path: [i, 'routing', j, 'when', 'field'],
        message: `Routing rule ${j + 1} of "${lane.name}" reads ${rule.when.field}, which its handoff does not carry.`,
        nextStep: `Add ${rule.when.field} to the lane's handoff fields, or make the rule read another field.`,
      });
    }
  });
  if (rules.length > 0 && !lane.processing.writableProperties.includes('hubspot_owner_id')) {
    issues.push({
      code: 'lanes_routing',
      path: [i, 'routing'],
      message: `Lane "${lane.name}" has routing rules but may not write the owner (hubspot_owner_id).`,
      nextStep: 'Add hubspot_owner_id to the lane\'s writable properties, or remove its routing rules.',
    });
  }
  const notWritable = Object.keys(lane.newLeadValues ?? {}).find((p) => !lane.processing.writableProperties.includes(p));
  if (notWritable) {
    issues.push({
      code: 'lanes_routing',
      path: [i, 'newLeadValues'],
      message: `Lane "${lane.name}" proposes ${notWritable} for new leads but may not write it.`,
      nextStep: `Add ${notWritable} to the lane's writable properties, or remove it from the new-lead values.`,
    });
  }
  return issues;
}

/** The schema's own words where it has them (category fields); plain words for zod's generic ones. */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'array') return issue.path.length === 0 ? 'Keep at least one lane.' : 'Add at least one.';
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.message.startsWith('Too small')) return 'Fill this in.';
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'number') return 'Use a number from 0 to 1.';
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'Enter a number from 0 to 1.';
  if (issue.code === 'invalid_format' && issue.path.at(-1) === 'id' && issue.path.length === 2) return 'Use lowercase letters, digits and hyphens (e.g. "warranty-claims").';
  return issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
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
