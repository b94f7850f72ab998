import { z } from 'zod';
import { libraryStatusSchema, statusSummarySchema } from '@/lib/schemas/status';
import { def } from '../define';

export const statusMessages = {
  /** The toolbar popup's summary for the active tab's page (its URL, or null when the popup cannot see it). */
  'status.summary': def('extension-page', () => z.object({ url: z.string().max(8000).nullable() }), () => statusSummarySchema),
  /** The Gmail panel asks whether the SOP library is empty, to say so instead of "not covered". */
  'status.library': def('gmail', () => z.object({}), () => libraryStatusSchema),
  /** The Gmail panel's "Set up the library" link: a content script cannot open extension pages itself. */
  'status.openSetup': def('gmail', () => z.object({}), () => z.object({ opened: z.boolean() })),
} as const;
