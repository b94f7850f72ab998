/** The category taxonomy: every category belongs to exactly one default lane and has a default owner or queue. */

export interface CategoryDefinition {
  id: string;
  label: string;
  /** What the sender wants, as the panel words it. */
  intent: string;
  laneId: string;
  owner: string;
}

export const categories = [
  { id: 'refund_request', label: 'Billing / refund request', intent: 'request refund', laneId: 'support-replies', owner: 'Billing team' },
  { id: 'billing_dispute', label: 'Billing dispute', intent: 'dispute a charge', laneId: 'support-replies', owner: 'Billing team' },
  { id: 'shipping_delay', label: 'Shipping delay', intent: 'ask where an order is', laneId: 'support-replies', owner: 'Fulfilment queue' },
  { id: 'damaged_order', label: 'Damaged or wrong order', intent: 'report damage', laneId: 'support-replies', owner: 'Fulfilment queue' },
  { id: 'password_reset', label: 'Password reset', intent: 'reset password', laneId: 'support-replies', owner: 'Support tier 1' },
  { id: 'account_access', label: 'Account access', intent: 'regain account access', laneId: 'support-replies', owner: 'Support tier 2 (security)' },
  { id: 'rfq', label: 'Request for quotation', intent: 'ask for quote', laneId: 'rfq-response', owner: 'Export sales desk' },
  { id: 'lead_inquiry', label: 'New lead', intent: 'evaluate a purchase', laneId: 'lead-routing', owner: 'Sales development' },
  { id: 'meeting_followup', label: 'Meeting follow-up', intent: 'confirm next steps', laneId: 'meeting-followup', owner: 'Account owner' },
  { id: 'onboarding_request', label: 'Onboarding', intent: 'start onboarding', laneId: 'intake-onboarding', owner: 'Onboarding team' },
  { id: 'crm_update', label: 'Record update', intent: 'update contact details', laneId: 'crm-discipline', owner: 'Sales operations' },
  { id: 'newsletter', label: 'Newsletter / FYI', intent: 'inform (no reply needed)', laneId: 'shared-inbox-triage', owner: 'Shared inbox (archive)' },
  { id: 'general_question', label: 'General question', intent: 'ask a question', laneId: 'shared-inbox-triage', owner: 'Support tier 1' },
] as const satisfies readonly CategoryDefinition[];

export type CategoryId = (typeof categories)[number]['id'];
export const categoryIds: readonly CategoryId[] = categories.map((c) => c.id);

export function categoryById(id: string): CategoryDefinition | undefined {
  return categories.find((c) => c.id === id);
}

/** The default lane of a category; unknown categories go to shared inbox triage. */
export function laneForCategory(id: string): string {
  return categoryById(id)?.laneId ?? 'shared-inbox-triage';
}

/** Categories that get no reply at all (a newsletter or an FYI): no draft, not even a holding one. */
const NO_REPLY: ReadonlySet<string> = new Set(['newsletter']);

export const needsReply = (category: string): boolean => !NO_REPLY.has(category);
