import { z } from 'zod';
import { managedStatusSchema } from './sop';
import { lazySchema } from './lazy-schema';

/** The SOP library at a glance: current (active) SOPs, their passages, and when it last changed. */
export const libraryStatusSchema = lazySchema(() => z.object({
  sops: z.number().int().nonnegative(),
  passages: z.number().int().nonnegative(),
  updatedAt: z.number().nullable(),
}));
export type LibraryStatus = z.infer<typeof libraryStatusSchema>;

/** Work a human has not resolved yet. */
export const pendingCountsSchema = lazySchema(() => z.object({
  drafts: z.number().int().nonnegative(),
  proposals: z.number().int().nonnegative(),
  handoffs: z.number().int().nonnegative(),
}));
export type PendingCounts = z.infer<typeof pendingCountsSchema>;

/** What the toolbar popup shows: where things stand for the tab the user is on. */
export const statusSummarySchema = lazySchema(() => z.object({
  /** Which of our sites the active tab is on, or null for any other page. */
  site: z.enum(['gmail', 'hubspot']).nullable(),
  /** Whether the panel is switched on for that site (null off our sites). */
  panelOn: z.boolean().nullable(),
  engine: z.enum(['local', 'claude']),
  /** Claude's key: set (with its masked hint) or missing. Shown for the Claude engine only. */
  claudeKey: z.object({ set: z.boolean(), hint: z.string().nullable() }).nullable(),
  library: libraryStatusSchema,
  managed: managedStatusSchema,
  pending: pendingCountsSchema,
}));
export type StatusSummary = z.infer<typeof statusSummarySchema>;

/** Keep resolved work and the audit log this many days (the admin's retention setting). */
export const retentionDaysSchema = lazySchema(() => z.number().int().min(1).max(3650));
export const DEFAULT_RETENTION_DAYS = 30;

/** What one retention pass removed, per table. */
export const purgeReportSchema = lazySchema(() => z.object({
  pending: z.number().int().nonnegative(),
  audit: z.number().int().nonnegative(),
  feedback: z.number().int().nonnegative(),
  threads: z.number().int().nonnegative(),
}));
export type PurgeReport = z.infer<typeof purgeReportSchema>;
