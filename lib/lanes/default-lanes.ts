import { categorySchema, lanesSchema, type Category, type CategoryInput, type Lane, type LaneInput } from '@/lib/schemas/lane';
import { starterExamples } from './starter-examples';

/** A starter category with its example messages; its SOP tag is its id. */
function category(id: string, fields: Omit<CategoryInput, 'id'>): Category {
  return categorySchema.parse({ id, examples: starterExamples[id] ?? [], ...fields });
}

/**
 * The starter template the admin keeps, edits or replaces: seven lanes and their categories, each described by the nine dimensions of the workflow playbook.
 * Money, stage and date properties are only ever proposed for a human to decide.
 */

const supportInputs = ['thread messages (latest customer message first)', 'thread subject', 'SOP passages tagged to this lane', 'sender contact in HubSpot when known'];

const starterLanes: LaneInput[] = [
  {
    id: 'shared-inbox-triage',
    name: 'Shared inbox triage',
    objective: 'Get every message in the shared inbox to the right owner or queue within minutes, with its urgency and risks visible.',
    trigger: { site: 'gmail', recordTypes: [] },
    categories: [
      category('general_question', { label: 'General question', intent: 'ask a question', owner: 'Support tier 1', description: 'A question about the product, shipping, payment or the company that no other category covers.' }),
      category('newsletter', { label: 'Newsletter / FYI', intent: 'inform (no reply needed)', owner: 'Shared inbox (archive)', description: 'Bulk mail, announcements and notifications sent to many people: nothing is asked of us.', reply: 'none' }),
    ],
    inputs: ['thread messages', 'thread subject', 'sender address and domain', 'SOP passages tagged to this lane'],
    processing: { actions: ['classify', 'route', 'draft'], writableProperties: [] },
    outputs: ['category, urgency, risk flags and owner shown in the panel', 'routing suggestion', 'optional holding reply draft'],
    consumers: ['Support tier 1', 'Shared inbox (archive)', 'the owning team of the routed category'],
    decisionsNotMade: ['whether to reply at all to legal, medical or compliance questions', 'refunds, credits or any money movement', 'deleting or archiving mail'],
    humanDecisionProperties: [],
    qualityChecks: { minGroundingScore: 0.35, confidenceFloor: 0.55, requiredFields: [] },
    failureFeedback: {
      escalateTo: 'Support lead',
      escalateWhen: ['category confidence under the floor', 'a legal, security or medical risk flag', 'no owner for the category'],
      recordForLearning: ['category corrections', 'owner corrections', 'urgency corrections'],
    },
    riskAcknowledgements: ['legal', 'security', 'medical', 'personal_data'],
    handoffFields: [],
    kpis: ['time to first routing', 'share of threads routed without correction', 'category accuracy against rep corrections'],
  },
  {
    id: 'support-replies',
    name: 'SOP-grounded support replies',
    objective: 'Answer repeat support questions (refunds, billing, shipping, damage, access) with replies that cite the SOP they rely on.',
    trigger: { site: 'gmail', recordTypes: ['0-5'] },
    categories: [
      category('refund_request', { label: 'Billing / refund request', intent: 'request refund', owner: 'Billing team', description: 'The customer asks for money back: a refund, a reversed charge or a credit for something paid.', ticketCategory: 'BILLING_ISSUE' }),
      category('billing_dispute', { label: 'Billing dispute', intent: 'dispute a charge', owner: 'Billing team', description: 'The customer contests an invoice or a charge (wrong amount, unknown charge, double billing, chargeback) rather than asking for a refund.', ticketCategory: 'BILLING_ISSUE' }),
      category('shipping_delay', { label: 'Shipping delay', intent: 'ask where an order is', owner: 'Fulfilment queue', description: 'An order has not arrived or tracking has stopped moving; the customer asks where it is or when it will come.', ticketCategory: 'GENERAL_INQUIRY' }),
      category('damaged_order', { label: 'Damaged or wrong order', intent: 'report damage', owner: 'Fulfilment queue', description: 'Goods arrived broken, incomplete or not what was ordered.', ticketCategory: 'PRODUCT_ISSUE' }),
      category('password_reset', { label: 'Password reset', intent: 'reset password', owner: 'Support tier 1', description: 'The user forgot a password or a reset link does not work; the account itself is not in question.', ticketCategory: 'GENERAL_INQUIRY' }),
      category('account_access', { label: 'Account access', intent: 'regain account access', owner: 'Support tier 2 (security)', description: 'The user is locked out, lost two-factor access, or reports a login they did not make; identity must be verified.', ticketCategory: 'PRODUCT_ISSUE' }),
    ],
    inputs: supportInputs,
    processing: { actions: ['classify', 'route', 'draft', 'propose_fields', 'handoff'], writableProperties: ['hs_ticket_priority', 'hs_ticket_category', 'hs_pipeline_stage', 'notes_next_activity_date'] },
    outputs: ['cited reply draft inserted into Gmail\'s reply box (never sent)', 'ticket priority and category proposals', 'escalation note when no SOP covers the question'],
    consumers: ['Support tier 1', 'Billing team', 'Fulfilment queue', 'Support tier 2 (security)'],
    decisionsNotMade: ['approving a refund, credit or its amount', 'accepting liability for damage', 'resolving a chargeback', 'unlocking an account without identity verification'],
    humanDecisionProperties: ['hs_pipeline_stage'],
    qualityChecks: { minGroundingScore: 0.35, confidenceFloor: 0.6, requiredFields: [] },
    failureFeedback: {
      escalateTo: 'Support lead',
      escalateWhen: ['retrieval not grounded', 'refund or billing dispute flag', 'security flag', 'customer threatens legal action'],
      recordForLearning: ['category corrections', 'draft edits (diff size)', 'rejected citations'],
    },
    riskAcknowledgements: ['refund', 'billing_dispute', 'legal', 'security', 'personal_data', 'medical'],
    // Priority from the thread's urgency, category from its category's ticketCategory: on the contact's open ticket.
    handoffFields: ['hs_ticket_priority', 'hs_ticket_category'],
    kpis: ['median handling time', 'share of drafts sent with light edits', 'share of claims with valid citations', 'escalation rate'],
  },
  {
    id: 'lead-routing',
    name: 'Lead capture and routing',
    objective: 'Turn inbound buying interest into a qualified HubSpot contact with the right owner the same day.',
    trigger: { site: 'gmail', recordTypes: ['0-1'] },
    categories: [
      category('lead_inquiry', { label: 'New lead', intent: 'evaluate a purchase', owner: 'Sales development', description: 'Someone who is not yet a customer shows buying interest: a demo request, a question about plans for their team, a partner referral.' }),
    ],
    inputs: ['thread messages', 'sender signature (name, title, company, phone)', 'existing HubSpot contact and company', 'SOP passages on qualification and territories'],
    processing: { actions: ['classify', 'route', 'draft', 'propose_fields', 'handoff'], writableProperties: ['email', 'firstname', 'lastname', 'jobtitle', 'company', 'website', 'phone', 'lifecyclestage', 'hs_lead_status', 'notes_next_activity_date', 'hubspot_owner_id'] },
    outputs: ['handoff packet of proposed contact updates for HubSpot', 'owner suggestion', 'reply draft offering the next step'],
    consumers: ['Sales development', 'Account executives'],
    decisionsNotMade: ['price, discount or seat pricing quoted to the lead', 'whether the lead is disqualified', 'territory exceptions'],
    humanDecisionProperties: ['lifecyclestage', 'hs_lead_status'],
    qualityChecks: { minGroundingScore: 0.35, confidenceFloor: 0.6, requiredFields: ['email', 'company'] },
    failureFeedback: {
      escalateTo: 'Sales development lead',
      escalateWhen: ['pricing asked and no SOP covers it', 'existing owner differs from the suggestion', 'confidence under the floor'],
      recordForLearning: ['accepted and rejected field proposals', 'owner corrections'],
    },
    riskAcknowledgements: ['pricing_commitment', 'personal_data'],
    handoffFields: ['email', 'firstname', 'lastname', 'jobtitle', 'company', 'website', 'phone', 'seats', 'budget', 'source', 'lifecyclestage', 'hs_lead_status'],
    kpis: ['time from first email to owned contact', 'share of proposals accepted unedited', 'lead response time'],
    // The lead-qualification SOP's routing rules, in its order; the owners are the demo portal's (set your team's in Options → Lanes).
    routing: [
      { when: { field: 'seats', atLeast: 50 }, owner: 'lena.voss@northwind-sensors.example', reason: '50 seats or more: enterprise team, owner assigned within 1 business hour.' },
      { when: { field: 'budget', atLeast: 50_000 }, owner: 'lena.voss@northwind-sensors.example', reason: 'Annual volume over 50,000 EUR: enterprise team, owner assigned within 1 business hour.' },
      { when: { field: 'seats', atLeast: 10 }, owner: 'sam.okafor@northwind-sensors.example', reason: '10 to 49 seats: mid-market team.' },
      { when: { field: 'source', matches: 'partner' }, owner: 'marta.lindqvist@northwind-sensors.example', reason: 'Partner referrals go to the partner manager.' },
    ],
    // "Create or update the contact with lifecycle stage Lead … Propose the lead status New."
    newLeadValues: { lifecyclestage: 'lead', hs_lead_status: 'NEW' },
  },
  {
    id: 'rfq-response',
    name: 'Export RFQ response packets',
    objective: 'Turn an export request for quotation into a complete response packet for the sales desk, with price and lead time always decided by a human.',
    trigger: { site: 'gmail', recordTypes: ['0-3'] },
    categories: [
      category('rfq', { label: 'Request for quotation', intent: 'ask for quote', owner: 'Export sales desk', description: 'A buyer asks for a price, quantity, lead time or terms for a product: a request for quotation or a tender.' }),
    ],
    inputs: ['thread messages including quoted RFQ', 'attachment names', 'SOP passages on MOQ, certifications, packing and incoterms', 'existing HubSpot deal'],
    processing: { actions: ['classify', 'route', 'draft', 'propose_fields', 'handoff'], writableProperties: ['dealname', 'dealstage', 'amount', 'closedate', 'quantity', 'hs_next_step', 'description'] },
    outputs: ['RFQ handoff packet (buyer, product, quantity, MOQ, certifications, lead time, incoterms, target date)', 'acknowledgement draft without prices', 'deal field proposals'],
    consumers: ['Export sales desk', 'Production planning'],
    decisionsNotMade: ['unit price, discount or total amount', 'committed lead time or delivery date', 'acceptance of private label or special packing terms', 'deal stage'],
    humanDecisionProperties: ['dealstage', 'amount', 'closedate'],
    qualityChecks: { minGroundingScore: 0.35, confidenceFloor: 0.6, requiredFields: ['buyer', 'product', 'quantity', 'incoterms', 'target_date'] },
    failureFeedback: {
      escalateTo: 'Export sales desk',
      escalateWhen: ['a handoff field is missing from the RFQ', 'certification asked that no SOP lists', 'tender deadline within 5 days'],
      recordForLearning: ['corrected handoff fields', 'draft edits'],
    },
    riskAcknowledgements: ['pricing_commitment', 'legal'],
    handoffFields: ['buyer', 'product', 'quantity', 'moq', 'certifications', 'lead_time', 'incoterms', 'target_date'],
    kpis: ['time from RFQ to complete packet', 'share of packets with all fields filled', 'quote turnaround before tender close'],
  },
  {
    id: 'meeting-followup',
    name: 'Meeting recap and follow-up',
    objective: 'Capture what was agreed in a meeting thread as next steps and dates on the HubSpot record, and a recap reply.',
    trigger: { site: 'gmail', recordTypes: ['0-3', '0-1'] },
    categories: [
      category('meeting_followup', { label: 'Meeting follow-up', intent: 'confirm next steps', owner: 'Account owner', description: 'A recap or follow-up of a meeting or call: agreed action items, next steps, the next meeting date.' }),
    ],
    inputs: ['thread messages', 'participants', 'existing HubSpot deal and contacts', 'SOP passages on follow-up cadence'],
    processing: { actions: ['classify', 'draft', 'propose_fields', 'handoff', 'create_task'], writableProperties: ['hs_next_step', 'notes_next_activity_date', 'closedate', 'dealstage'] },
    outputs: ['recap reply draft listing action items with owners', 'next step and next activity date proposals', 'follow-up task proposals (subject, due date, owner) on the deal or contact'],
    consumers: ['Account owner', 'Customer success'],
    decisionsNotMade: ['deal stage changes', 'close date', 'commitments on behalf of colleagues'],
    humanDecisionProperties: ['dealstage', 'closedate'],
    qualityChecks: { minGroundingScore: 0.35, confidenceFloor: 0.55, requiredFields: ['hs_next_step'] },
    failureFeedback: {
      escalateTo: 'Account owner',
      escalateWhen: ['an action item has no owner', 'a contract or DPA is mentioned'],
      recordForLearning: ['edited action items', 'rejected date proposals'],
    },
    riskAcknowledgements: ['legal', 'personal_data'],
    // The recap's action items become follow-up tasks on the deal in HubSpot (created only after approval).
    handoffFields: ['hs_next_step', 'notes_next_activity_date', 'action_items'],
    kpis: ['share of meetings with next step logged within 24 h', 'follow-up sent within 1 business day'],
  },
  {
    id: 'crm-discipline',
    name: 'CRM discipline and pipeline admin',
    objective: 'Keep contacts, companies and deals current: fill missing fields and flag stale next steps, with evidence for every change.',
    trigger: { site: 'hubspot', recordTypes: ['0-1', '0-2', '0-3'] },
    categories: [
      category('crm_update', { label: 'Record update', intent: 'update contact details', owner: 'Sales operations', description: 'A CRM record needs its fields brought up to date: new title, phone, company, next step or dates.' }),
    ],
    inputs: ['record properties', 'recent activity and notes', 'associated emails', 'SOP passages on data standards'],
    processing: { actions: ['classify', 'propose_fields', 'pipeline_checks'], writableProperties: ['jobtitle', 'company', 'phone', 'lifecyclestage', 'hs_lead_status', 'hs_next_step', 'notes_next_activity_date', 'dealstage', 'amount', 'closedate'] },
    outputs: ['field update proposals with current value, proposed value, reason and evidence quote', 'pipeline gaps: no next step, a past close date, a stage the last meeting contradicts, a new lead without owner'],
    consumers: ['Sales operations', 'Record owner'],
    decisionsNotMade: ['deal stage, amount or close date', 'merging or deleting records', 'changing record ownership'],
    humanDecisionProperties: ['lifecyclestage', 'dealstage', 'amount', 'closedate'],
    qualityChecks: { minGroundingScore: 0.35, confidenceFloor: 0.7, requiredFields: [] },
    failureFeedback: {
      escalateTo: 'Sales operations',
      escalateWhen: ['the value changed since it was read (conflict)', 'evidence is older than 90 days'],
      recordForLearning: ['accepted, edited and rejected proposals per property'],
    },
    riskAcknowledgements: ['personal_data'],
    handoffFields: [],
    kpis: ['share of open deals with a next step', 'proposal acceptance rate', 'conflicts per 100 writes'],
  },
  {
    id: 'intake-onboarding',
    name: 'Intake and onboarding admin',
    objective: 'Take a new customer from signed to started: collect what onboarding needs and confirm the checklist.',
    // The signed deal carries onboarding: its start date, next step, and the contact, seats and requirements in its description.
    trigger: { site: 'gmail', recordTypes: ['0-3'] },
    categories: [
      category('onboarding_request', { label: 'Onboarding', intent: 'start onboarding', owner: 'Onboarding team', description: 'A new customer who signed wants to get started: kickoff, accounts, data import, SSO or security review.' }),
    ],
    inputs: ['thread messages', 'company record', 'SOP passages on onboarding steps and required documents'],
    processing: { actions: ['classify', 'route', 'draft', 'propose_fields', 'handoff'], writableProperties: ['onboarding_start_date', 'hs_next_step', 'description'] },
    outputs: ['onboarding reply draft with the checklist steps cited', 'next step proposals', 'handoff to the onboarding queue'],
    consumers: ['Onboarding team', 'Customer success'],
    decisionsNotMade: ['contract or DPA terms', 'security review outcomes', 'start dates promised to the customer'],
    // The start date is promised by a person; the requirements (SSO, security questionnaire) go to the security review.
    humanDecisionProperties: ['onboarding_start_date', 'description'],
    qualityChecks: { minGroundingScore: 0.35, confidenceFloor: 0.55, requiredFields: ['company'] },
    failureFeedback: {
      escalateTo: 'Onboarding team',
      escalateWhen: ['SSO, security questionnaire or DPA asked', 'retrieval not grounded'],
      recordForLearning: ['draft edits', 'category corrections'],
    },
    riskAcknowledgements: ['legal', 'security', 'personal_data'],
    handoffFields: ['company', 'onboarding_start_date', 'hs_next_step', 'contact_person', 'seats', 'requirements'],
    kpis: ['days from signature to kickoff', 'share of onboarding emails answered within 1 business day'],
  },
];

export const defaultLanes: Lane[] = lanesSchema.parse(starterLanes);
