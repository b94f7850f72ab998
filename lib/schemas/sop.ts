import { z } from 'zod';

/** A passage of an SOP, cut at headings, as the panel quotes it. */
export const passageSchema = z.object({
  id: z.string(),
  sopId: z.string(),
  sopVersion: z.number().int().positive(),
  sopTitle: z.string(),
  /** e.g. ["Refunds", "Annual plans", "Pro-rating"] */
  headingPath: z.array(z.string()),
  text: z.string(),
  lanes: z.array(z.string()),
});
export type Passage = z.infer<typeof passageSchema>;

export const retrievedPassageSchema = passageSchema.extend({
  score: z.number(),
  /** The lines of the passage that matched the query best. */
  matchText: z.string(),
});
export type RetrievedPassage = z.infer<typeof retrievedPassageSchema>;

export const retrievalSchema = z.object({
  passages: z.array(retrievedPassageSchema),
  /** False when the best score is under the calibrated threshold: the panel abstains rather than invents. */
  grounded: z.boolean(),
  bestScore: z.number(),
  ms: z.number().nonnegative(),
});
export type Retrieval = z.infer<typeof retrievalSchema>;
