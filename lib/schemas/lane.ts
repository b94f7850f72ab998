import { z } from 'zod';
import { kpiAlarmSettingsSchema } from './kpi-alarms';
import { lazySchema } from './lazy-schema';

export const riskFlagSchema = lazySchema(() => z.enum([
  'refund', // refund or money movement
  'billing_dispute', // billing dispute or chargeback
  'pricing_commitment', // pricing, discount or lead-time promise
  'legal', // legal threat or compliance
  'security', // security or account takeover
  'personal_data',
  'medical',
]));
export type RiskFlag = z.infer<typeof riskFlagSchema>;

export const categoryIdSchema = lazySchema(() => z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,63}$/, 'Use 2 to 64 lowercase letters, digits or underscores, starting with a letter.'));

/** One kind of message a lane handles: the team's own taxonomy, not the product's. */
export const categorySchema = lazySchema(() => z.object({
  id: categoryIdSchema,
  label: z.string().trim().min(1, 'Give the category a label.'),
  /** What the sender wants, as the panel words it. */
  intent: z.string().trim().min(1, 'Say what the sender wants.'),
  /** The team or queue this kind of message goes to. */
  owner: z.string().trim().min(1, 'Name the owner or queue.'),
  /** What belongs here and what does not: shown to the admin and given to Claude when it classifies. */
  description: z.string().default(''),
  /** Messages of this kind, in the team's own words: the local model trains on them. */
  examples: z.array(z.string()).default([]),
  /** SOP section tags that answer this category; none means the category id itself. */
  sopTags: z.array(z.string()).default([]),
  /** Risk flags a message of this category always raises for acknowledgement, on top of those the text raises. */
  riskAcknowledgements: z.array(riskFlagSchema).default([]),
  /** 'none' for mail that needs no reply at all (a newsletter, an FYI): no draft, not even a holding one. */
  reply: z.enum(['draft', 'none']).default('draft'),
  /** The HubSpot ticket category (an `hs_ticket_category` option) a thread of this category proposes on the contact's open ticket. */
  ticketCategory: z.string().optional(),
}));
export type Category = z.infer<typeof categorySchema>;
export type CategoryInput = z.input<typeof categorySchema>;

/**
 * What a lane does; 'create_task' proposes HubSpot tasks (follow-ups) on the record, each created only after approval;
 * 'pipeline_checks' flags what a pipeline admin fixes (no next step, a past close date, a stage the last meeting
 * contradicts, a new lead without owner), proposing the fix when the record's activity gives one.
 */
export const laneActionSchema = lazySchema(() => z.enum(['classify', 'route', 'draft', 'propose_fields', 'handoff', 'create_task', 'pipeline_checks']));

/**
 * One routing rule of a lane, as the admin writes it from the lane's SOP: when a handoff field meets the condition, the
 * owner is proposed. `atLeast` compares the field's number ("40 seats" is 40); `matches` looks for the words in it,
 * case aside. Rules are tried in order; the first that fires proposes its owner.
 */
export const routingRuleSchema = lazySchema(() => z
  .object({
    when: z.object({
      field: z.string().trim().min(1, 'Name the handoff field the rule reads.'),
      atLeast: z.number().nonnegative().optional(),
      matches: z.string().trim().min(1).optional(),
    }),
    /** A HubSpot owner: their email address or owner id. Checked against the portal's owners when proposed. */
    owner: z.string().trim().min(1, 'Name the owner (email address or HubSpot owner id).'),
    /** Why, in the SOP's words: shown with the proposal. */
    reason: z.string().trim().min(1, 'Say why, in the SOP’s words.'),
  })
  .refine((r) => (r.when.atLeast === undefined) !== (r.when.matches === undefined), { message: 'Give the rule either a minimum number or words to match, not both.', path: ['when'] }));
export type RoutingRule = z.infer<typeof routingRuleSchema>;

/** One route through repeated work, described by the nine dimensions of the users' playbook. */
export const laneSchema = lazySchema(() => z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  objective: z.string().min(1),
  trigger: z.object({
    site: z.enum(['gmail', 'hubspot']),
    /** HubSpot object type ids (0-1 contact, 0-2 company, 0-3 deal, 0-5 ticket) that start the lane. */
    recordTypes: z.array(z.string()),
  }),
  /** The kinds of message that start this lane; each category belongs to exactly one lane. */
  categories: z.array(categorySchema),
  inputs: z.array(z.string()),
  processing: z.object({
    actions: z.array(laneActionSchema),
    /** The only HubSpot properties this lane may ever propose or write. */
    writableProperties: z.array(z.string()),
  }),
  outputs: z.array(z.string()),
  consumers: z.array(z.string()),
  /** What this lane informs but must never decide. */
  decisionsNotMade: z.array(z.string()),
  /** Properties the engine may propose only with evidence, always flagged "decision: human". */
  humanDecisionProperties: z.array(z.string()),
  qualityChecks: z.object({
    /** 0–1: under it, retrieval is not grounded for this lane and the panel escalates instead of drafting. */
    minGroundingScore: z.number().min(0).max(1),
    /** Under it, the category is unsure and the thread routes to human triage. */
    confidenceFloor: z.number().min(0).max(1),
    /** Handoff fields a packet must carry: without one the packet is incomplete and nothing is proposed for it. */
    requiredFields: z.array(z.string()),
  }),
  failureFeedback: z.object({
    escalateTo: z.string(),
    escalateWhen: z.array(z.string()),
    recordForLearning: z.array(z.string()),
  }),
  /** Risk flags that need an explicit acknowledgement before anything leaves the panel. */
  riskAcknowledgements: z.array(riskFlagSchema),
  /** Fields a handoff packet from this lane carries to HubSpot. */
  handoffFields: z.array(z.string()),
  kpis: z.array(z.string()),
  /** Who owns what the lane hands off, as its SOP's routing rules say: first rule that fires proposes its owner. */
  routing: z.array(routingRuleSchema).optional(),
  /** Values every new lead of this lane is proposed with, as its SOP states them (e.g. lifecycle stage Lead, lead status New). */
  newLeadValues: z.record(z.string(), z.string().min(1, 'Give the value after “=”.')).optional(),
  /** The targets the KPI dashboard holds the lane to: its rework alarm, minimum sample and anomaly threshold. */
  alarms: kpiAlarmSettingsSchema.prefault({}),
}));
export type Lane = z.infer<typeof laneSchema>;
export type LaneInput = z.input<typeof laneSchema>;
export const lanesSchema = lazySchema(() => z.array(laneSchema).min(1));
