import { z } from 'zod';
import { purgeReportSchema, retentionDaysSchema } from '@/lib/schemas/status';
import { def } from '../define';

export const privacyMessages = {
  'privacy.getRetention': def('extension-page', () => z.object({}), () => z.object({ days: retentionDaysSchema })),
  /** Saves the retention period and applies it at once. */
  'privacy.setRetention': def('extension-page', () => z.object({ days: retentionDaysSchema }), () => z.object({ days: retentionDaysSchema, purged: purgeReportSchema })),
  /** Deletes everything the extension keeps on this computer; the confirmation is the options page's. */
  'privacy.deleteAll': def('extension-page', () => z.object({ confirm: z.literal('delete') }), () => z.object({ deleted: z.literal(true) })),
} as const;
