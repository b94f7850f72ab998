import { z } from 'zod';
import { retrievalSchema } from '@/lib/schemas/sop';
import { def } from '../define';

export const fileOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ name: z.string(), status: z.literal('imported'), sopId: z.string(), version: z.number(), chunkCount: z.number(), replaced: z.boolean() }),
  z.object({ name: z.string(), status: z.literal('rejected'), code: z.string(), reason: z.string(), nextStep: z.string() }),
]);

export const sopMessages = {
  /** The passages the panel would cite for a text: the admin's "try a question", and the panel's look-ups. */
  'sop.search': def(
    'any',
    z.object({ query: z.string().min(1).max(5000), lane: z.string().max(100).optional(), k: z.number().int().min(1).max(20).optional() }),
    retrievalSchema,
  ),
  /** The library changed in the database (an import in the options page): reload the index. */
  'sop.changed': def('extension-page', z.object({}), z.object({ passages: z.number() })),
  /** Imports the sample SOP library of the demo company, Northwind Supply. */
  'sop.loadSamples': def('extension-page', z.object({}), z.array(fileOutcomeSchema)),
} as const;
