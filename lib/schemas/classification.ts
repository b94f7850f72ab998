import { z } from 'zod';
import { riskFlagSchema } from './lane';
import { lazySchema } from './lazy-schema';

const confidence = lazySchema(() => z.number().min(0).max(1));
const scored = <T extends z.ZodType>(value: T) => z.object({ value, confidence });

export const urgencySchema = lazySchema(() => z.enum(['P1', 'P2', 'P3', 'P4']));

/** The one classification shape both engines produce and the panel shows. */
export const classificationSchema = lazySchema(() => z.object({
  lane: scored(z.string()),
  category: scored(z.string()),
  intent: scored(z.string()),
  urgency: z.object({ value: urgencySchema, reason: z.string(), confidence }),
  sentiment: scored(z.enum(['negative', 'neutral', 'positive'])),
  /** BCP 47 language tag of the customer's latest message. */
  language: scored(z.string()),
  /** Two short lines. */
  summary: z.string().max(400),
  riskFlags: z.array(z.object({ flag: riskFlagSchema, evidence: z.string(), confidence })),
  owner: scored(z.string()),
}));
export type Classification = z.infer<typeof classificationSchema>;

/** Who sent a thread to which owner or queue, and when; suggested is what the triage proposed. */
export const routingSchema = lazySchema(() => z.object({ owner: z.string(), suggested: z.string(), by: z.string().nullable(), at: z.number() }));
export type Routing = z.infer<typeof routingSchema>;

/** A classification with what the product decided from it (not from the engine). */
export const triageResultSchema = lazySchema(() => z.object({
  classification: classificationSchema,
  engine: z.enum(['local', 'claude']),
  /** The chosen lane as the panel needs it; null when the engine named no lane in force. */
  lane: z
    .object({
      name: z.string(),
      escalateTo: z.string(),
      riskAcknowledgements: z.array(riskFlagSchema),
      confidenceFloor: z.number(),
      /** What the lane keeps for a person (prices, lead times, refund amounts): drafts stating them are held. */
      decisionsNotMade: z.array(z.string()).default([]),
    })
    .nullable(),
  /** The category's label in the team's taxonomy; null for a category the lanes do not hold. */
  categoryLabel: z.string().nullable().default(null),
  /** What a rep may correct the category to, and the owners a thread may be routed to, from the lanes in force. */
  choices: z.object({ categories: z.array(z.object({ id: z.string(), label: z.string() })), owners: z.array(z.string()) }).default({ categories: [], owners: [] }),
  /** The rep's routing decision on this thread, when one was made: shown again when the thread is reopened. */
  routing: routingSchema.nullable().default(null),
  /** Fields whose confidence is under the lane's floor: shown as such, and the thread routes to human triage. */
  lowConfidenceFields: z.array(z.string()),
  needsHumanTriage: z.boolean(),
  ms: z.number().nonnegative(),
}));
export type TriageResult = z.infer<typeof triageResultSchema>;
