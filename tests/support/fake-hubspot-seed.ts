import type { SpecOwner, SpecPipeline, SpecProperty } from './hubspot-spec-shapes';

// Seed data for the fake HubSpot portal: realistic property definitions (names, types and option values
// as HubSpot's default properties have them) and one contact, company, deal and ticket of Kestrel Foods.

type Extra = Partial<Omit<SpecProperty, 'name' | 'label' | 'type' | 'fieldType'>> & { readOnly?: boolean };

const DESCRIPTIONS: Record<string, string> = {
  hs_object_id: 'The unique ID for this record. This value is set automatically by HubSpot.',
  email: "A contact's email address",
  lifecyclestage: 'The qualification of contacts to sales readiness.',
  hs_lead_status: "The contact's sales, prospecting or outreach status",
  dealstage: 'The stage of the deal. Deal stages allow you to categorize and track the progress of the deals that you are working on.',
  pipeline: 'The pipeline the deal is in. This determines which stages are options for the deal.',
  closedate: 'Date the deal was closed. Set automatically by HubSpot.',
  hubspot_owner_id: 'The owner of the record. Owners are users of the portal, read from the owners API.',
};

function prop(name: string, label: string, type: string, fieldType: string, extra: Extra = {}): SpecProperty {
  const { readOnly = false, ...rest } = extra;
  return {
    name,
    label,
    type,
    fieldType,
    groupName: 'information',
    // HubSpot sends a description with every definition, often empty for custom properties.
    description: DESCRIPTIONS[name] ?? '',
    options: [],
    calculated: false,
    hidden: false,
    hubspotDefined: true,
    hasUniqueValue: false,
    modificationMetadata: { archivable: !readOnly, readOnlyDefinition: true, readOnlyValue: readOnly },
    ...rest,
  };
}

const options = (values: [string, string][], hidden: string[] = []) =>
  values.map(([value, label], i) => ({ value, label, displayOrder: i, hidden: hidden.includes(value) }));

const lifecycleOptions = options([
  ['subscriber', 'Subscriber'],
  ['lead', 'Lead'],
  ['marketingqualifiedlead', 'Marketing Qualified Lead'],
  ['salesqualifiedlead', 'Sales Qualified Lead'],
  ['opportunity', 'Opportunity'],
  ['customer', 'Customer'],
  ['evangelist', 'Evangelist'],
  ['other', 'Other'],
]);

/** The owner property of every type: its options live in the owners API, as in HubSpot. */
const ownerProperty = (label: string) =>
  prop('hubspot_owner_id', label, 'enumeration', 'select', { externalOptions: true, referencedObjectType: 'OWNER', options: [] });

const dealStages: [string, string, string][] = [
  ['appointmentscheduled', 'Appointment Scheduled', '0.2'],
  ['qualifiedtobuy', 'Qualified To Buy', '0.4'],
  ['presentationscheduled', 'Presentation Scheduled', '0.6'],
  ['decisionmakerboughtin', 'Decision Maker Bought-In', '0.8'],
  ['contractsent', 'Contract Sent', '0.9'],
  ['closedwon', 'Closed Won', '1.0'],
  ['closedlost', 'Closed Lost', '0.0'],
];
/** A second deal pipeline (HubSpot gives stages of added pipelines numeric ids). */
export const PARTNER_PIPELINE_ID = '2417795';
const partnerStages: [string, string, string][] = [
  ['1029381', 'Partner introduced', '0.1'],
  ['1029382', 'Joint proposal', '0.5'],
  ['1029383', 'Partner signed', '1.0'],
  ['1029384', 'Partner lost', '0.0'],
];
const PIPELINES_CREATED = '2023-01-09T10:00:00.000Z';
const PIPELINES_UPDATED = '2024-01-15T09:00:00.000Z';
const stagesOf = (stages: [string, string, string][], closed: string[]) =>
  stages.map(([id, label, probability], displayOrder) => ({
    id,
    label,
    displayOrder,
    archived: false,
    createdAt: PIPELINES_CREATED,
    updatedAt: PIPELINES_UPDATED,
    metadata: { probability, isClosed: String(closed.includes(id)) },
  }));

const common = [
  prop('hs_object_id', 'Record ID', 'number', 'number', { readOnly: true }),
  prop('createdate', 'Create Date', 'datetime', 'date', { readOnly: true }),
  prop('lastmodifieddate', 'Last Modified Date', 'datetime', 'date', { readOnly: true }),
];

const contactDefinitions: SpecProperty[] = [
  ...common,
  prop('firstname', 'First Name', 'string', 'text'),
  prop('lastname', 'Last Name', 'string', 'text'),
  prop('email', 'Email', 'string', 'text', { hasUniqueValue: true }),
  prop('jobtitle', 'Job Title', 'string', 'text'),
  prop('phone', 'Phone Number', 'string', 'phonenumber'),
  prop('mobilephone', 'Mobile Phone Number', 'phone_number', 'phonenumber'),
  prop('company', 'Company Name', 'string', 'text'),
  prop('website', 'Website URL', 'string', 'text'),
  prop('lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', { options: lifecycleOptions }),
  prop('hs_lead_status', 'Lead Status', 'enumeration', 'radio', {
    options: options(
      [
        ['NEW', 'New'],
        ['OPEN', 'Open'],
        ['IN_PROGRESS', 'In Progress'],
        ['OPEN_DEAL', 'Open Deal'],
        ['UNQUALIFIED', 'Unqualified'],
        ['ATTEMPTED_TO_CONTACT', 'Attempted to Contact'],
        ['CONNECTED', 'Connected'],
        ['BAD_TIMING', 'Bad Timing'],
        ['RECYCLED', 'Recycled (retired)'],
      ],
      ['RECYCLED'],
    ),
  }),
  // Set by HubSpot from the next scheduled task or meeting: read-only for users and integrations.
  prop('notes_next_activity_date', 'Next Activity Date', 'datetime', 'date', { readOnly: true }),
  prop('num_notes', 'Number of Sales Activities', 'number', 'number', { calculated: true, readOnly: true }),
  prop('hs_email_optout', 'Unsubscribed from all email', 'bool', 'booleancheckbox', {
    options: options([['true', 'Yes'], ['false', 'No']]),
  }),
  prop('product_interests', 'Product interests', 'enumeration', 'checkbox', {
    hubspotDefined: false,
    options: options([['cold_chain_sensors', 'Cold-chain sensors'], ['gateways', 'Gateways'], ['analytics', 'Analytics']]),
  }),
  prop('contract_file', 'Signed contract', 'string', 'file', { hubspotDefined: false }),
  ownerProperty('Contact owner'),
];

const companyDefinitions: SpecProperty[] = [
  ...common,
  prop('name', 'Company name', 'string', 'text'),
  prop('domain', 'Company Domain Name', 'string', 'text'),
  prop('phone', 'Phone Number', 'string', 'phonenumber'),
  prop('city', 'City', 'string', 'text'),
  prop('industry', 'Industry', 'enumeration', 'select', {
    options: options([
      ['FOOD_BEVERAGES', 'Food & Beverages'],
      ['FOOD_PRODUCTION', 'Food Production'],
      ['LOGISTICS_AND_SUPPLY_CHAIN', 'Logistics and Supply Chain'],
      ['RETAIL', 'Retail'],
      ['WHOLESALE', 'Wholesale'],
    ]),
  }),
  prop('num_employees', 'Number of Employees', 'number', 'number'),
  prop('lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', { options: lifecycleOptions }),
  prop('notes_next_activity_date', 'Next Activity Date', 'datetime', 'date', { readOnly: true }),
  ownerProperty('Company owner'),
];

const dealDefinitions: SpecProperty[] = [
  ...common,
  prop('dealname', 'Deal Name', 'string', 'text'),
  prop('pipeline', 'Pipeline', 'enumeration', 'select', { options: options([['default', 'Sales Pipeline'], [PARTNER_PIPELINE_ID, 'Partner pipeline']]) }),
  // As in HubSpot, the definition lists the stages of every pipeline; a record may only take its own pipeline's.
  prop('dealstage', 'Deal Stage', 'enumeration', 'radio', { options: options([...dealStages, ...partnerStages].map(([id, label]) => [id, label])) }),
  prop('amount', 'Amount', 'number', 'number'),
  prop('deal_currency_code', 'Currency', 'enumeration', 'select', { options: options([['USD', 'US Dollar'], ['EUR', 'Euro']]) }),
  // HubSpot stores the close date as a datetime shown as a date.
  prop('closedate', 'Close Date', 'datetime', 'date'),
  prop('hs_next_step', 'Next step', 'string', 'textarea'),
  prop('description', 'Deal Description', 'string', 'textarea'),
  prop('quantity', 'Quantity (units)', 'number', 'number', { hubspotDefined: false }),
  // A `date` property (not datetime): HubSpot takes only midnight UTC for it.
  prop('onboarding_start_date', 'Onboarding start date', 'date', 'date', { hubspotDefined: false }),
  prop('days_to_close', 'Days to close', 'number', 'calculation_equation', { calculated: true, hubspotDefined: false, readOnly: true }),
  prop('notes_next_activity_date', 'Next Activity Date', 'datetime', 'date', { readOnly: true }),
  ownerProperty('Deal owner'),
];

const ticketDefinitions: SpecProperty[] = [
  ...common,
  prop('subject', 'Ticket name', 'string', 'text'),
  prop('content', 'Ticket description', 'string', 'textarea'),
  prop('hs_pipeline', 'Pipeline', 'enumeration', 'select', { options: options([['0', 'Support Pipeline']]) }),
  prop('hs_pipeline_stage', 'Ticket status', 'enumeration', 'radio', {
    options: options([['1', 'New'], ['2', 'Waiting on contact'], ['3', 'Waiting on us'], ['4', 'Closed']]),
  }),
  prop('hs_ticket_priority', 'Priority', 'enumeration', 'select', {
    options: options([['LOW', 'Low'], ['MEDIUM', 'Medium'], ['HIGH', 'High'], ['URGENT', 'Urgent']]),
  }),
  prop('hs_ticket_category', 'Category', 'enumeration', 'checkbox', {
    options: options([['PRODUCT_ISSUE', 'Product issue'], ['BILLING_ISSUE', 'Billing issue'], ['FEATURE_REQUEST', 'Feature request'], ['GENERAL_INQUIRY', 'General inquiry']]),
  }),
  prop('notes_next_activity_date', 'Next Activity Date', 'datetime', 'date', { readOnly: true }),
  ownerProperty('Ticket owner'),
];

/** A custom object (type id 2-…), as a portal defines it with the schemas API. */
export const CUSTOM_OBJECT_TYPE_ID = '2-7654321';
const customObjectDefinitions: SpecProperty[] = [
  ...common,
  prop('project_name', 'Project name', 'string', 'text', { hubspotDefined: false }),
  prop('go_live_date', 'Go-live date', 'date', 'date', { hubspotDefined: false }),
  prop('sso_required', 'SSO required', 'bool', 'booleancheckbox', { hubspotDefined: false, options: options([['true', 'Yes'], ['false', 'No']]) }),
  ownerProperty('Project owner'),
];

/** Engagements (activity logged on records): their object type ids and the properties HubSpot defines for them. */
export const ENGAGEMENT_TYPE_IDS = { note: '0-46', meeting: '0-47', call: '0-48', email: '0-49', task: '0-27' } as const;
const engagementCommon = [...common, prop('hs_timestamp', 'Activity date', 'datetime', 'date'), ownerProperty('Activity assigned to')];
const taskDefinitions: SpecProperty[] = [
  ...engagementCommon,
  prop('hs_task_subject', 'Task Title', 'string', 'text'),
  prop('hs_task_body', 'Notes', 'string', 'html'),
  prop('hs_task_status', 'Task Status', 'enumeration', 'select', { options: options([['NOT_STARTED', 'Not started'], ['IN_PROGRESS', 'In progress'], ['WAITING', 'Waiting'], ['COMPLETED', 'Completed'], ['DEFERRED', 'Deferred']]) }),
  prop('hs_task_priority', 'Priority', 'enumeration', 'select', { options: options([['NONE', 'None'], ['LOW', 'Low'], ['MEDIUM', 'Medium'], ['HIGH', 'High']]) }),
  prop('hs_task_type', 'Task Type', 'enumeration', 'select', { options: options([['EMAIL', 'Email'], ['CALL', 'Call'], ['TODO', 'To-do']]) }),
];
const engagementDefinitions: Record<string, SpecProperty[]> = {
  [ENGAGEMENT_TYPE_IDS.note]: [...engagementCommon, prop('hs_note_body', 'Note body', 'string', 'html')],
  [ENGAGEMENT_TYPE_IDS.meeting]: [
    ...engagementCommon,
    prop('hs_meeting_title', 'Meeting name', 'string', 'text'),
    prop('hs_meeting_body', 'Meeting description', 'string', 'html'),
    prop('hs_meeting_start_time', 'Start Time', 'datetime', 'date'),
    prop('hs_meeting_end_time', 'End Time', 'datetime', 'date'),
  ],
  [ENGAGEMENT_TYPE_IDS.call]: [...engagementCommon, prop('hs_call_title', 'Call Title', 'string', 'text'), prop('hs_call_body', 'Call notes', 'string', 'html')],
  [ENGAGEMENT_TYPE_IDS.email]: [...engagementCommon, prop('hs_email_subject', 'Email subject', 'string', 'text'), prop('hs_email_text', 'Email body', 'string', 'textarea')],
  [ENGAGEMENT_TYPE_IDS.task]: taskDefinitions,
};

/**
 * HubSpot-defined association type ids of engagements, per direction (engagement to record, record to engagement),
 * as HubSpot's associations documentation lists them. A create's association names only the type id: the pair it
 * belongs to says what type the other record is.
 */
export const ENGAGEMENT_ASSOCIATION_TYPES: Record<string, Record<string, [number, number]>> = {
  [ENGAGEMENT_TYPE_IDS.note]: { '0-1': [202, 201], '0-2': [190, 189], '0-3': [214, 213], '0-5': [228, 227] },
  [ENGAGEMENT_TYPE_IDS.meeting]: { '0-1': [200, 199], '0-2': [188, 187], '0-3': [212, 211], '0-5': [226, 225] },
  [ENGAGEMENT_TYPE_IDS.call]: { '0-1': [194, 193], '0-2': [182, 181], '0-3': [206, 205], '0-5': [220, 219] },
  [ENGAGEMENT_TYPE_IDS.email]: { '0-1': [198, 197], '0-2': [186, 185], '0-3': [210, 209], '0-5': [224, 223] },
  [ENGAGEMENT_TYPE_IDS.task]: { '0-1': [204, 203], '0-2': [192, 191], '0-3': [216, 215], '0-5': [230, 229] },
};

/**
 * HubSpot-defined association type ids between CRM records that a create may name, per direction (from the created
 * record, back to it): contact to company as primary (1/2) or unlabeled (279/280), contact to deal (4/3).
 */
export const RECORD_ASSOCIATION_TYPES: Record<string, [toType: string, forward: number, reverse: number][]> = {
  '0-1': [['0-2', 1, 2], ['0-2', 279, 280], ['0-3', 4, 3]],
};

export const hubspotSeed = {
  portalId: '4455667',
  /** Cookie values a signed-in browser would hold, and a private-app token an admin would set. */
  session: { cookie: 'hs-session-7f3a2b', csrf: 'csrf-1c9e5d40' },
  token: 'pat-eu1-00000000-fake-token',
  ids: { contact: '901', company: '5501', deal: '7301', ticket: '3301', rfqContact: '902', rfqCompany: '5502', rfqDeal: '7302', partnerDeal: '7303', pilotDeal: '7304', leadCompany: '5503', pilotMeeting: '47001', pilotCall: '48001', supportContact: '903', supportTicket: '3302', closedTicket: '3303', intakeCompany: '5504', intakeDeal: '7305', recapCompany: '5505', recapDeal: '7306' },
  definitions: {
    '0-1': contactDefinitions,
    '0-2': companyDefinitions,
    '0-3': dealDefinitions,
    '0-5': ticketDefinitions,
    [CUSTOM_OBJECT_TYPE_ID]: customObjectDefinitions,
    ...engagementDefinitions,
  } as Record<string, SpecProperty[]>,
  records: {
    '0-1': [
      {
        id: '901',
        createdAt: '2024-02-12T09:30:00.000Z',
        properties: {
          firstname: 'Priya',
          lastname: 'Raman',
          email: 'priya@kestrel-foods.example',
          company: 'Kestrel Foods',
          lifecyclestage: 'lead',
          hs_lead_status: 'OPEN',
          num_notes: '3',
        },
      },
      {
        // The buyer of the Gmail RFQ thread: his handoff packet waits here.
        id: '902',
        createdAt: '2024-03-18T07:10:00.000Z',
        properties: {
          firstname: 'Hamid',
          lastname: 'Rostami',
          email: 'hamid.rostami@gulfbuild-trading.example',
          company: 'Gulfbuild Trading',
          lifecyclestage: 'lead',
          hs_lead_status: 'NEW',
        },
      },
      {
        // The sender of the Gmail refund thread: one closed ticket and one open one, where his support handoff goes.
        id: '903',
        createdAt: '2023-11-02T10:00:00.000Z',
        properties: { firstname: 'Marcus', lastname: 'Oyelaran', email: 'marcus@brightlane-studio.example', company: 'Brightlane Studio', lifecyclestage: 'customer' },
      },
    ],
    '0-2': [
      {
        id: '5501',
        createdAt: '2024-02-12T09:31:00.000Z',
        properties: { name: 'Kestrel Foods', domain: 'kestrel-foods.example', city: 'Leeds', industry: 'FOOD_PRODUCTION', num_employees: '240', lifecyclestage: 'lead' },
      },
      {
        id: '5502',
        createdAt: '2024-03-18T07:11:00.000Z',
        properties: { name: 'Gulfbuild Trading', domain: 'gulfbuild-trading.example', city: 'Dubai', lifecyclestage: 'lead' },
      },
      {
        // The company of the Gmail lead (Ines Carvalho, Tidepool Analytics): known to HubSpot, none of its people yet.
        id: '5503',
        createdAt: '2024-04-02T08:00:00.000Z',
        properties: { name: 'Tidepool Analytics', domain: 'tidepool-analytics.example', city: 'Lisbon', lifecyclestage: 'lead' },
      },
      {
        // A customer who just signed: its onboarding email arrives in Gmail.
        id: '5504',
        createdAt: '2026-04-20T09:00:00.000Z',
        properties: { name: 'Kestrel Analytics GmbH', domain: 'kestrel-analytics.example', city: 'Hamburg', lifecyclestage: 'customer' },
      },
      {
        // The customer whose pilot kickoff is recapped by email in Gmail (the long meeting follow-up thread).
        id: '5505',
        createdAt: '2024-04-15T09:00:00.000Z',
        properties: { name: 'Orbitworks', domain: 'orbitworks.example', city: 'Malmö', lifecyclestage: 'opportunity' },
      },
    ],
    '0-3': [
      {
        id: '7301',
        createdAt: '2024-02-20T14:00:00.000Z',
        properties: {
          dealname: 'Kestrel Foods – cold-chain sensors',
          pipeline: 'default',
          dealstage: 'qualifiedtobuy',
          amount: '9800',
          deal_currency_code: 'USD',
          closedate: '2024-05-31T00:00:00Z',
          quantity: '1200',
          days_to_close: '101',
          hubspot_owner_id: '61001',
        },
      },
      {
        // Opened for the Gmail RFQ thread; its quantity and terms wait in the handoff packet.
        id: '7302',
        createdAt: '2024-03-18T07:12:00.000Z',
        properties: {
          dealname: 'Gulfbuild Trading – stainless hinges RFQ',
          pipeline: 'default',
          dealstage: 'appointmentscheduled',
          deal_currency_code: 'USD',
          hubspot_owner_id: '61002',
        },
      },
      {
        // A deal in the second pipeline: only that pipeline's stages apply to it.
        id: '7303',
        createdAt: '2024-03-05T11:00:00.000Z',
        properties: {
          dealname: 'Kestrel Foods – analytics via Fenwick Partners',
          pipeline: PARTNER_PIPELINE_ID,
          dealstage: '1029381',
          amount: '4200',
          deal_currency_code: 'USD',
          hubspot_owner_id: '61001',
        },
      },
      {
        // The pilot agreed in a logged meeting: no next step written on the deal yet.
        id: '7304',
        createdAt: '2026-05-12T10:00:00.000Z',
        properties: {
          dealname: 'Kestrel Foods – two-site pilot',
          pipeline: 'default',
          dealstage: 'presentationscheduled',
          deal_currency_code: 'USD',
          hubspot_owner_id: '61001',
        },
      },
      {
        // Signed: onboarding has no start date, next step or description yet.
        id: '7305',
        createdAt: '2026-04-20T09:05:00.000Z',
        properties: { dealname: 'Kestrel Analytics – platform rollout', pipeline: 'default', dealstage: 'closedwon', amount: '18000', deal_currency_code: 'USD', hubspot_owner_id: '61002' },
      },
      {
        // Its pilot: the recap email's next step and action items land here.
        id: '7306',
        createdAt: '2024-05-02T09:00:00.000Z',
        properties: { dealname: 'Orbitworks – pilot', pipeline: 'default', dealstage: 'presentationscheduled', deal_currency_code: 'USD', hubspot_owner_id: '61001' },
      },
    ],
    // Activity logged on the pilot deal: the meeting where the pilot was agreed, and an older call.
    [ENGAGEMENT_TYPE_IDS.meeting]: [
      {
        id: '47001',
        createdAt: '2026-05-28T15:10:00.000Z',
        properties: {
          hs_timestamp: '2026-05-28T14:00:00.000Z',
          hs_meeting_title: 'Pilot kickoff with Kestrel Foods',
          hs_meeting_body: '<p>Priya and Tom joined. We agreed to start the pilot on June 3; Tom sends the SSO checklist by Friday.</p>',
          hs_meeting_start_time: '2026-05-28T14:00:00.000Z',
          hs_meeting_end_time: '2026-05-28T14:45:00.000Z',
          hubspot_owner_id: '61001',
        },
      },
    ],
    [ENGAGEMENT_TYPE_IDS.call]: [
      {
        id: '48001',
        createdAt: '2026-05-20T09:40:00.000Z',
        properties: { hs_timestamp: '2026-05-20T09:30:00.000Z', hs_call_title: 'Intro call', hs_call_body: '<p>Priya asked for a pilot with two sites.</p>', hubspot_owner_id: '61001' },
      },
    ],
    '0-5': [
      {
        id: '3301',
        createdAt: '2024-03-02T08:15:00.000Z',
        properties: { subject: 'Gateway offline after firmware update', hs_pipeline: '0', hs_pipeline_stage: '1', hs_ticket_priority: 'MEDIUM' },
      },
      { id: '3302', createdAt: '2024-03-04T08:45:00.000Z', properties: { subject: 'Refund for annual plan renewal', hs_pipeline: '0', hs_pipeline_stage: '1' } },
      { id: '3303', createdAt: '2023-12-01T09:00:00.000Z', properties: { subject: 'Invoice address change', hs_pipeline: '0', hs_pipeline_stage: '4', hs_ticket_priority: 'LOW' } },
    ],
    [CUSTOM_OBJECT_TYPE_ID]: [
      {
        id: '880001',
        createdAt: '2024-03-10T10:00:00.000Z',
        properties: { project_name: 'Kestrel Foods onboarding', go_live_date: '2024-06-03', hubspot_owner_id: '61002' },
      },
    ],
  } as Record<string, { id: string; createdAt: string; properties: Record<string, string> }[]>,
  associations: [
    { from: ['0-1', '901'], to: ['0-2', '5501'], typeId: 1 },
    { from: ['0-1', '901'], to: ['0-3', '7301'], typeId: 4 },
    { from: ['0-3', '7301'], to: ['0-2', '5501'], typeId: 5 },
    { from: ['0-5', '3301'], to: ['0-1', '901'], typeId: 16 },
    { from: ['0-5', '3302'], to: ['0-1', '903'], typeId: 16, reverseTypeId: 15 },
    { from: ['0-5', '3303'], to: ['0-1', '903'], typeId: 16, reverseTypeId: 15 },
    { from: ['0-1', '902'], to: ['0-2', '5502'], typeId: 1 },
    { from: ['0-1', '902'], to: ['0-3', '7302'], typeId: 4 },
    { from: ['0-3', '7302'], to: ['0-2', '5502'], typeId: 5 },
    { from: ['0-1', '901'], to: ['0-3', '7303'], typeId: 4 },
    { from: ['0-3', '7303'], to: ['0-2', '5501'], typeId: 5 },
    { from: ['0-3', '7304'], to: ['0-2', '5501'], typeId: 5 },
    { from: ['0-3', '7305'], to: ['0-2', '5504'], typeId: 5 },
    { from: ['0-3', '7306'], to: ['0-2', '5505'], typeId: 5 },
    { from: [ENGAGEMENT_TYPE_IDS.meeting, '47001'], to: ['0-3', '7304'], typeId: 212, reverseTypeId: 211 },
    { from: [ENGAGEMENT_TYPE_IDS.call, '48001'], to: ['0-3', '7304'], typeId: 206, reverseTypeId: 205 },
  ] as { from: [string, string]; to: [string, string]; typeId: number; reverseTypeId?: number }[],
  owners: [
    { id: '61001', email: 'sam.okafor@northwind-sensors.example', firstName: 'Sam', lastName: 'Okafor', userId: 7001, type: 'PERSON', archived: false, createdAt: '2023-01-09T10:00:00.000Z', updatedAt: '2024-01-09T10:00:00.000Z' },
    { id: '61002', email: 'lena.voss@northwind-sensors.example', firstName: 'Lena', lastName: 'Voss', userId: 7002, type: 'PERSON', archived: false, createdAt: '2023-03-01T10:00:00.000Z', updatedAt: '2024-01-09T10:00:00.000Z' },
    { id: '61003', email: 'marta.lindqvist@northwind-sensors.example', firstName: 'Marta', lastName: 'Lindqvist', userId: 7003, type: 'PERSON', archived: false, createdAt: '2023-06-12T10:00:00.000Z', updatedAt: '2024-01-09T10:00:00.000Z' },
  ] as SpecOwner[],
  pipelines: {
    '0-3': [
      { id: 'default', label: 'Sales Pipeline', displayOrder: 0, archived: false, createdAt: PIPELINES_CREATED, updatedAt: PIPELINES_UPDATED, stages: stagesOf(dealStages, ['closedwon', 'closedlost']) },
      { id: PARTNER_PIPELINE_ID, label: 'Partner pipeline', displayOrder: 1, archived: false, createdAt: PIPELINES_CREATED, updatedAt: PIPELINES_UPDATED, stages: stagesOf(partnerStages, ['1029383', '1029384']) },
    ],
    '0-5': [
      {
        id: '0',
        label: 'Support Pipeline',
        displayOrder: 0,
        archived: false,
        createdAt: PIPELINES_CREATED,
        updatedAt: PIPELINES_UPDATED,
        stages: (
          [
            ['1', 'New', 'OPEN'],
            ['2', 'Waiting on contact', 'OPEN'],
            ['3', 'Waiting on us', 'OPEN'],
            ['4', 'Closed', 'CLOSED'],
          ] as const
        ).map(([id, label, ticketState], displayOrder) => ({ id, label, displayOrder, archived: false, createdAt: PIPELINES_CREATED, updatedAt: PIPELINES_UPDATED, metadata: { ticketState } })),
      },
    ],
  } as Record<string, SpecPipeline[]>,
};
export type HubSpotSeed = typeof hubspotSeed;
