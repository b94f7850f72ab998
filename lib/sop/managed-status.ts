import { z } from 'zod';
import { appErrorSchema, type AppError } from '@/lib/schemas/errors';

/** What the last reading of the managed policy did, as the options page shows it. Kept apart from managed.ts so the
 * message protocol (loaded by content scripts too) does not pull in the SOP library. */
export const managedStatusSchema = z.discriminatedUnion('state', [
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
]);
export type ManagedStatus = z.infer<typeof managedStatusSchema>;


/** A policy-managed SOP changes only through its team bundle. */
export const MANAGED_READ_ONLY: AppError = {
  code: 'sop.managed',
  message: "This SOP is managed by your organisation's policy and is read-only here.",
  nextStep: 'Ask whoever manages the team bundle to change it there.',
};
