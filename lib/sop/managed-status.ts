import type { AppError } from '@/lib/schemas/errors';

/** A policy-managed SOP changes only through its team bundle. */
export const MANAGED_READ_ONLY: AppError = {
  code: 'sop.managed',
  message: "This SOP is managed by your organisation's policy and is read-only here.",
  nextStep: 'Ask whoever manages the team bundle to change it there.',
};
