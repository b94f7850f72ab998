import { z } from 'zod';
import { appErrorSchema } from './errors';
import { lazySchema } from './lazy-schema';

/** A passage of an SOP, cut at headings, as the panel quotes it. */
export const passageSchema = lazySchema(() => z.object({
  id: z.string(),
  sopId: z.string(),
  sopVersion: z.number().int().positive(),
  sopTitle: z.string(),
  /** e.g. ["Refunds", "Annual plans", "Pro-rating"] */
  headingPath: z.array(z.string()),
  text: z.string(),
  lanes: z.array(z.string()),
  /** Section tags (a `Tags:` line under a heading, inherited by its subsections): the categories it answers. */
  tags: z.array(z.string()).optional(),
}));
export type Passage = z.infer<typeof passageSchema>;

export const retrievedPassageSchema = lazySchema(() => passageSchema.extend({
  score: z.number(),
  /** This passage's 0–1 grounding (relevance, and the route when its section is tagged for the category); absent on
   * passages retrieval did not rank (a reply template the draft brings in). */
  grounding: z.number().min(0).max(1).optional(),
  /** The lines of the passage that matched the query best. */
  matchText: z.string(),
}));
export type RetrievedPassage = z.infer<typeof retrievedPassageSchema>;

export const retrievalSchema = lazySchema(() => z.object({
  passages: z.array(retrievedPassageSchema),
  /** False when the grounding score is under the lane's floor: the panel abstains rather than invents. */
  grounded: z.boolean(),
  /** 0–1: the best passage's grounding. */
  groundingScore: z.number().min(0).max(1),
  /** The floor it was held to (the lane's `minGroundingScore`). */
  floor: z.number().min(0).max(1),
  /** What decided the score: the best passage's relevance, and whether its section is tagged for the category. */
  basis: z.object({ relevance: z.number(), categoryMatch: z.boolean(), categoryConfidence: z.number() }).nullable(),
  /** Language of the passages' text (ISO 639-1), so the panel can say when it differs from the customer's. */
  sopLanguage: z.string().nullable(),
  /** Best BM25 score among the passages (diagnostics). */
  bestScore: z.number(),
  ms: z.number().nonnegative(),
}));
export type Retrieval = z.infer<typeof retrievalSchema>;

/** What became of one file of an import: imported (with its passages) or rejected with the reason. */
export const fileOutcomeSchema = lazySchema(() => z.discriminatedUnion('status', [
  z.object({ name: z.string(), status: z.literal('imported'), sopId: z.string(), version: z.number(), chunkCount: z.number(), replaced: z.boolean() }),
  z.object({ name: z.string(), status: z.literal('rejected'), code: z.string(), reason: z.string(), nextStep: z.string() }),
]));
export type FileOutcome = z.infer<typeof fileOutcomeSchema>;

/** What the last reading of the managed policy did, as the options page shows it. */
export const managedStatusSchema = lazySchema(() => z.discriminatedUnion('state', [
  /** No policy (the usual case outside managed browsers). */
  z.object({ state: z.literal('none'), at: z.number() }),
  z.object({
    state: z.literal('applied'),
    at: z.number(),
    source: z.enum(['url', 'inline']).nullable(),
    url: z.string().nullable(),
    bundleCreatedAt: z.string().nullable(),
    added: z.array(z.string()),
    replaced: z.array(z.string()),
    unchanged: z.array(z.string()),
    retired: z.array(z.string()),
    /** Which settings the policy fixed ("engine", "panelEnabled"). */
    settings: z.array(z.string()),
  }),
  z.object({ state: z.literal('failed'), at: z.number(), source: z.enum(['url', 'inline', 'policy']), error: appErrorSchema }),
]));
export type ManagedStatus = z.infer<typeof managedStatusSchema>;
