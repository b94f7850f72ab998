import type { RiskFlag } from '@/lib/schemas/lane';
import type { UnsupportedReason } from '@/lib/schemas/review';

/** How a rep reads each risk flag, and the acknowledgement it asks for. */
export const riskLabels: Record<RiskFlag, { label: string; acknowledgement: string }> = {
  refund: { label: 'Refund or money movement', acknowledgement: 'I checked the refund policy applies to this customer' },
  billing_dispute: { label: 'Billing dispute or chargeback', acknowledgement: 'I checked the invoice and the dispute procedure' },
  pricing_commitment: { label: 'Pricing, discount or lead-time promise', acknowledgement: 'No price, discount or lead time is promised without approval' },
  legal: { label: 'Legal threat or compliance', acknowledgement: 'Legal has been looped in or the reply makes no legal statement' },
  security: { label: 'Security or account takeover', acknowledgement: 'I verified the requester per the account-security SOP' },
  personal_data: { label: 'Personal data', acknowledgement: 'The reply repeats no personal data beyond what is needed' },
  medical: { label: 'Medical', acknowledgement: 'The reply gives no medical advice' },
};

export const humanize = (id: string) => id.replace(/[_-]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());

export const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;

/** How the panel explains each reason to a rep. */
export const unsupportedReasonText: Record<UnsupportedReason, string> = {
  no_citation: 'No SOP passage is cited for this claim.',
  fabricated_citation: 'It cites a passage that is not in the list.',
  passage_missing: 'The cited passage is no longer in the SOP library.',
  retired_version: 'The cited SOP version was retired or replaced.',
  quote_not_in_passage: 'The quoted words are not in the cited passage.',
  not_supported: 'The cited passage does not say this.',
};

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', de: 'German', fr: 'French', es: 'Spanish', nl: 'Dutch', it: 'Italian', pt: 'Portuguese' };
export const languageName = (code: string) => LANGUAGE_NAMES[code] ?? code.toUpperCase();

/**
 * HubSpot's own labels for its default properties, for places that show a property before its definition is loaded
 * (a handoff packet in Gmail).
 */
const DEFAULT_LABELS: Record<string, string> = {
  firstname: 'First name',
  lastname: 'Last name',
  email: 'Email',
  phone: 'Phone number',
  mobilephone: 'Mobile phone number',
  jobtitle: 'Job title',
  company: 'Company name',
  website: 'Website URL',
  domain: 'Company domain name',
  lifecyclestage: 'Lifecycle stage',
  hs_lead_status: 'Lead status',
  hubspot_owner_id: 'Owner',
  numberofemployees: 'Number of employees',
  dealname: 'Deal name',
  dealstage: 'Deal stage',
  amount: 'Amount',
  closedate: 'Close date',
  description: 'Description',
  hs_next_step: 'Next step',
  hs_ticket_priority: 'Priority',
  hs_ticket_category: 'Category',
  subject: 'Ticket name',
  content: 'Ticket description',
};

export const propertyLabel = (name: string): string => DEFAULT_LABELS[name] ?? humanize(name);

/** HubSpot default properties whose values are internal option names (BILLING_ISSUE, HIGH, NEW). */
const OPTION_PROPERTIES = new Set(['hs_ticket_priority', 'hs_ticket_category', 'hs_lead_status']);

/**
 * A property value as a rep reads it where HubSpot's option labels are not at hand (the Gmail panel): an option
 * property's internal value such as BILLING_ISSUE or HIGH reads as "Billing issue", "High"; other values as they are.
 */
export const valueLabel = (property: string, value: string): string =>
  OPTION_PROPERTIES.has(property) && /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(value) ? humanize(value.toLowerCase()) : value;
