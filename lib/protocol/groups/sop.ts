import { z } from 'zod';
import { fileOutcomeSchema, managedStatusSchema, retrievalSchema } from '@/lib/schemas/sop';
import { def } from '../define';
import { lazySchema } from '@/lib/schemas/lazy-schema';

const sopIdSchema = lazySchema(() => z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/));

export const sopMessages = {
  /** The passages the panel would cite for a text: the admin's "try a question", and the panel's look-ups. */
  'sop.search': def(
    'extension-page',
    () => z.object({ query: z.string().min(1).max(5000), lane: z.string().max(100).optional(), k: z.number().int().min(1).max(20).optional() }),
    () => retrievalSchema,
  ),
  /** The library changed in the database (an import in the options page): reload the index. */
  'sop.changed': def('extension-page', () => z.object({}), () => z.object({ passages: z.number() })),
  /** Imports the sample SOP library of the demo company, Northwind Supply. */
  'sop.loadSamples': def('extension-page', () => z.object({}), () => z.array(fileOutcomeSchema)),
  /** Takes an SOP out of retrieval (kept listed). Refused for policy-managed SOPs. */
  'sop.retire': def('extension-page', () => z.object({ sopId: sopIdSchema }), () => z.object({ sopId: z.string(), version: z.number() })),
  /** Removes an SOP with all its versions. Refused for policy-managed SOPs. */
  'sop.delete': def('extension-page', () => z.object({ sopId: sopIdSchema }), () => z.object({ versions: z.number() })),
  /** Re-tags an SOP's current version to lanes. Refused for policy-managed SOPs. */
  'sop.setLanes': def('extension-page', () => z.object({ sopId: sopIdSchema, lanes: z.array(z.string().regex(/^[a-z0-9-]+$/)).max(50) }), () => z.object({ lanes: z.array(z.string()) })),
  /** Imports a bundle file's text: verified whole, all or nothing. */
  'sop.importBundle': def(
    'extension-page',
    () => z.object({ json: z.string().min(1).max(60 * 1024 * 1024) }),
    () => z.object({ added: z.array(z.string()), replaced: z.array(z.string()), unchanged: z.array(z.string()) }),
  ),
  /** What the organisation's managed policy last did to the library. */
  'sop.managedStatus': def('extension-page', () => z.object({}), () => managedStatusSchema),
  /** Reads the managed policy again now (it is also read on start and whenever it changes). */
  'sop.applyManaged': def('extension-page', () => z.object({}), () => managedStatusSchema),
} as const;
