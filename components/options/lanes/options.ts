import { laneActionSchema, riskFlagSchema } from '@/lib/schemas/lane';

/** The fixed choices of the lane schema, in words an admin reads. */

const actionLabels: Record<(typeof laneActionSchema.options)[number], string> = {
  classify: 'Classify',
  route: 'Route to an owner',
  draft: 'Draft a reply',
  propose_fields: 'Propose CRM fields',
  handoff: 'Hand off to HubSpot',
  create_task: 'Propose HubSpot follow-up tasks',
  pipeline_checks: 'Flag pipeline gaps (next step, close date, stage, owner)',
};
export const actionOptions = laneActionSchema.options.map((value) => ({ value, label: actionLabels[value] }));

const riskLabels: Record<(typeof riskFlagSchema.options)[number], string> = {
  refund: 'Refund or money movement',
  billing_dispute: 'Billing dispute',
  pricing_commitment: 'Price, discount or lead-time promise',
  legal: 'Legal or compliance',
  security: 'Security or account takeover',
  personal_data: 'Personal data',
  medical: 'Medical',
};
export const riskOptions = riskFlagSchema.options.map((value) => ({ value, label: riskLabels[value] }));

export const siteOptions = [
  { value: 'gmail', label: 'Gmail (a thread)' },
  { value: 'hubspot', label: 'HubSpot (a record)' },
] as const;

export const replyOptions = [
  { value: 'draft', label: 'Draft a reply' },
  { value: 'none', label: 'No reply (newsletter, FYI)' },
] as const;
