import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TriageDatabase } from '@/lib/db/database';
import { recordHandoff } from '@/lib/gmail-lane/background/handoff';
import { applyContactOutcomes, approvedContacts, listContacts, recordContactStarted, reviewContact, storeContacts } from '@/lib/hubspot-lane/background/contact-store';
import { waitingHandoffs } from '@/lib/hubspot-lane/background/handoffs';
import { findOwner } from '@/lib/hubspot-lane/background/lead-routing';
import { firstFiringRule, ruleFires } from '@/lib/lanes/routing-rules';
import { proposalInput, proposeForRecord } from '@/lib/hubspot-lane/background/propose-for-record';
import { readRecordView } from '@/lib/hubspot-lane/shared/record-view';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { checkLanes } from '@/lib/lanes/parse-lanes';
import type { Lane, RoutingRule } from '@/lib/schemas/lane';
import type { PropertyDefinition, RecordRef } from '@/lib/schemas/hubspot';
import type { TriageInput } from '@/lib/schemas/triage-input';
import { createHubSpotClient, type HubSpotClient } from '@/lib/sites/hubspot/api-client';
import { createApprovedContacts } from '@/lib/sites/hubspot/create-contact';
import { recordSubject } from '@/lib/sites/hubspot/url';
import { type FakeHubSpot, hubspotSeed, startFakeHubSpot } from '../../support/fake-hubspot';

const leadLane = defaultLanes.find((l) => l.id === 'lead-routing')!;
const rules = leadLane.routing!;
const NOW = Date.parse('2024-05-23T14:00:00Z');
const TEAM_OF_40 = 'Hi, we are evaluating tools for our analytics team of 40 and found you through a partner.';
/** The lead of the split-pane Gmail thread, as the reader gives it. */
const inesThread: TriageInput = {
  source: 'gmail',
  subject: 'Pricing for 40 seats?',
  messages: [
    {
      from: { name: 'Ines Carvalho', email: 'ines@tidepool-analytics.example' },
      date: '2024-05-23T13:02:00Z',
      text: `${TEAM_OF_40} Do you offer annual pricing for 40 seats, and can we get a demo next week? Budget is approved for Q3.`,
      signature: 'Ines Carvalho\nVP Data, Tidepool Analytics',
    },
  ],
};

describe('routing rules', () => {
  const owners: PropertyDefinition = {
    name: 'hubspot_owner_id',
    label: 'Contact owner',
    type: 'enumeration',
    fieldType: 'select',
    options: [
      { value: '61001', label: 'Sam Okafor', description: 'sam.okafor@northwind-sensors.example', hidden: false },
      { value: '61009', label: 'Old Owner', description: 'gone@northwind-sensors.example', hidden: true },
    ],
  };

  it('fire on a number at least the rule’s, or on words in the field, case aside', () => {
    const seats50: RoutingRule = { when: { field: 'seats', atLeast: 50 }, owner: 'x', reason: 'r' };
    expect(ruleFires(seats50, { seats: '50' })).toBe(true);
    expect(ruleFires(seats50, { seats: '49' })).toBe(false);
    expect(ruleFires(seats50, { seats: 'many' })).toBe(false);
    expect(ruleFires(seats50, {})).toBe(false);
    const budget: RoutingRule = { when: { field: 'budget', atLeast: 50_000 }, owner: 'x', reason: 'r' };
    expect(ruleFires(budget, { budget: '60000 EUR' })).toBe(true);
    const partner: RoutingRule = { when: { field: 'source', matches: 'partner' }, owner: 'x', reason: 'r' };
    expect(ruleFires(partner, { source: 'Partner referral' })).toBe(true);
    expect(ruleFires(partner, { source: 'Web search' })).toBe(false);
  });

  it('the starter rules follow the SOP in its order: the first that fires decides', () => {
    expect(firstFiringRule(rules, { seats: '120', source: 'Partner referral' })?.owner).toBe('lena.voss@northwind-sensors.example');
    expect(firstFiringRule(rules, { seats: '40', source: 'Partner referral' })?.owner).toBe('sam.okafor@northwind-sensors.example');
    expect(firstFiringRule(rules, { seats: '5', source: 'Partner referral' })?.owner).toBe('marta.lindqvist@northwind-sensors.example');
    expect(firstFiringRule(rules, { budget: '75000 EUR' })?.owner).toBe('lena.voss@northwind-sensors.example');
    // Under 10 seats and no partner: self-serve, no owner proposed.
    expect(firstFiringRule(rules, { seats: '5' })).toBeNull();
  });

  it('find the owner among the portal’s active owners by email, id or name; a hidden (archived) one is not offered', () => {
    expect(findOwner('Sam.Okafor@northwind-sensors.example', owners)).toEqual({ id: '61001', name: 'Sam Okafor' });
    expect(findOwner('61001', owners)?.id).toBe('61001');
    expect(findOwner('sam okafor', owners)?.id).toBe('61001');
    expect(findOwner('gone@northwind-sensors.example', owners)).toBeNull();
    expect(findOwner('nobody@example.com', owners)).toBeNull();
  });

  it('are lane data the checks hold: a rule reads a handoff field, the lane may write the owner, new-lead values are writable', () => {
    const withLead = (change: (l: Lane) => Lane) => defaultLanes.map((l) => (l.id === 'lead-routing' ? change(structuredClone(l)) : l));
    expect(checkLanes(defaultLanes).issues).toEqual([]);
    const unknownField = checkLanes(withLead((l) => ({ ...l, routing: [{ when: { field: 'employees', atLeast: 10 }, owner: 'a@b.example', reason: 'r' }] })));
    expect(unknownField.issues[0]).toMatchObject({ code: 'lanes_routing', path: [2, 'routing', 0, 'when', 'field'] });
    const noOwner = checkLanes(withLead((l) => ({ ...l, processing: { ...l.processing, writableProperties: l.processing.writableProperties.filter((p) => p !== 'hubspot_owner_id') } })));
    expect(noOwner.issues.map((i) => i.message)).toContain('Lane "Lead capture and routing" has routing rules but may not write the owner (hubspot_owner_id).');
    const unwritable = checkLanes(withLead((l) => ({ ...l, newLeadValues: { dealstage: 'appointmentscheduled' } })));
    expect(unwritable.issues[0]).toMatchObject({ code: 'lanes_routing', path: [2, 'newLeadValues'] });
    const both = checkLanes(withLead((l) => ({ ...l, routing: [{ when: { field: 'seats', atLeast: 10, matches: 'x' }, owner: 'a', reason: 'r' }] })));
    expect(both.issues[0]).toMatchObject({ code: 'lanes_invalid', message: 'Give the rule either a minimum number or words to match, not both.' });
  });
});

describe('a lead from Gmail in HubSpot', () => {
  let fake: FakeHubSpot;
  let client: HubSpotClient;
  let db: TriageDatabase;
  const company: RecordRef = { host: 'app.hubspot.com', portalId: hubspotSeed.portalId, objectTypeId: '0-2', objectId: hubspotSeed.ids.leadCompany };
  const subject = recordSubject(company);

  beforeEach(async () => {
    fake = await startFakeHubSpot();
    client = createHubSpotClient({ mode: 'token', token: hubspotSeed.token, baseUrl: fake.url, fetch: (u, i) => fetch(u, i) });
    db = new TriageDatabase(`lead-${Math.random()}`);
    await recordHandoff(db, { subjectId: 'gmail:06df83146696dbc6', input: inesThread, lane: leadLane, now: NOW });
  });
  afterEach(async () => {
    await fake.close();
    db.close();
  });

  async function open(ref: RecordRef, lanes = defaultLanes) {
    const view = await readRecordView(client, ref, [...new Set(lanes.flatMap((l) => l.processing.writableProperties))]);
    if (!view.ok) throw new Error(view.error.message);
    const handoffs = await waitingHandoffs(db, view.value.match);
    return proposeForRecord(proposalInput(view.value), { lanes, handoffs, engines: [], now: new Date(NOW) });
  }
  const contactPosts = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/crm/v3/objects/0-1');
  async function create() {
    const approved = await approvedContacts(db, subject, NOW);
    const outcomes = await createApprovedContacts(client, approved, { beforeCreate: (c) => recordContactStarted(db, subject, c, 'token', NOW) });
    return applyContactOutcomes(db, subject, outcomes, 'token', NOW);
  }

  it('on its company: one "Create contact" proposal with the routed owner, created only after approval, in one request with the association', async () => {
    const result = await open(company);
    // Contact fields are not proposed on the company itself.
    expect(result.proposals).toEqual([]);
    expect(result.contacts).toHaveLength(1);
    const [proposed] = result.contacts;
    expect(proposed!.properties).toEqual({
      email: 'ines@tidepool-analytics.example',
      firstname: 'Ines',
      lastname: 'Carvalho',
      jobtitle: 'VP Data',
      company: 'Tidepool Analytics',
      website: 'tidepool-analytics.example',
      lifecyclestage: 'lead',
      hs_lead_status: 'NEW',
      hubspot_owner_id: '61001',
    });
    const owner = proposed!.details.find((d) => d.property === 'hubspot_owner_id')!;
    expect(owner.display).toBe('Sam Okafor');
    expect(owner.reason).toContain('10 to 49 seats: mid-market team.');
    expect(owner.quote).toBe(TEAM_OF_40);
    expect(proposed!.details.find((d) => d.property === 'lifecyclestage')!.display).toBe('Lead');

    const [row] = await storeContacts(db, subject, result.contacts, NOW);
    // Stored twice (the record opened again): still one row, and nothing sent to HubSpot before approval.
    expect(await storeContacts(db, subject, (await open(company)).contacts, NOW)).toHaveLength(1);
    expect(await approvedContacts(db, subject, NOW)).toEqual([]);
    expect(contactPosts()).toEqual([]);

    await reviewContact(db, subject, row!.id, 'accept', NOW);
    const [done] = await create();
    expect(done).toMatchObject({ status: 'created', created: { contactId: expect.any(String) } });
    expect(contactPosts()).toHaveLength(1);
    expect(contactPosts()[0]!.body).toEqual({
      properties: row!.proposed.properties,
      associations: [{ to: { id: '5503' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] }],
    });
    const made = fake.state.records.get('0-1')?.get(done!.created!.contactId);
    expect(made?.properties).toMatchObject({ email: 'ines@tidepool-analytics.example', hubspot_owner_id: '61001', hs_lead_status: 'NEW' });
    expect(fake.state.associations).toContainEqual({ from: ['0-1', done!.created!.contactId], to: ['0-2', '5503'], typeId: 1, reverseTypeId: 2 });
    const kinds = (await db.audit.toArray()).map((a) => a.kind).filter((k) => k.startsWith('contact.'));
    expect(kinds).toEqual(['contact.proposed', 'contact.approved', 'contact.write_started', 'contact.created']);
    // The handoff is consumed: the company no longer offers it, and Write approved again sends nothing.
    expect((await open(company)).contacts).toEqual([]);
    await create();
    expect(contactPosts()).toHaveLength(1);
  });

  it('a contact HubSpot already has with that email is the row’s error (409), and nothing is created', async () => {
    const [row] = await storeContacts(db, subject, (await open(company)).contacts, NOW);
    const contacts = fake.state.records.get('0-1')!;
    const before = contacts.size + 1;
    contacts.set('950', { id: '950', properties: { email: 'INES@tidepool-analytics.example' }, history: {}, createdAt: '2024-05-01T00:00:00.000Z', updatedAt: '2024-05-01T00:00:00.000Z' });
    await reviewContact(db, subject, row!.id, 'accept', NOW);
    const [failed] = await create();
    expect(failed).toMatchObject({ status: 'failed', approvalHash: null });
    expect(failed!.error).toContain('another record already has this email (ines@tidepool-analytics.example)');
    expect(contacts.size).toBe(before);
    expect((await db.audit.toArray()).find((a) => a.kind === 'contact.failed')?.data).toMatchObject({ code: 'hubspot.duplicate_value' });
  });

  it('a contact not exactly as approved is refused before any request', async () => {
    const [row] = await storeContacts(db, subject, (await open(company)).contacts, NOW);
    await reviewContact(db, subject, row!.id, 'accept', NOW);
    const approved = await approvedContacts(db, subject, NOW);
    const tampered = approved.map((c) => ({ ...c, content: { ...c.content, properties: { ...c.content.properties, hubspot_owner_id: '61003' } } }));
    const outcomes = await createApprovedContacts(client, tampered);
    expect(outcomes[0]).toMatchObject({ status: 'failed', error: { code: 'approval.hash_mismatch' } });
    expect(contactPosts()).toEqual([]);
  });

  it('on the lead’s existing contact: the routed owner is a field proposal with the rule and the customer’s sentence', async () => {
    fake.state.records.get('0-1')!.set('951', { id: '951', properties: { email: 'ines@tidepool-analytics.example', firstname: 'Ines' }, history: {}, createdAt: '2024-05-01T00:00:00.000Z', updatedAt: '2024-05-01T00:00:00.000Z' });
    const result = await open({ ...company, objectTypeId: '0-1', objectId: '951' });
    expect(result.contacts).toEqual([]);
    const owner = result.proposals.find((p) => p.proposal.property === 'hubspot_owner_id')?.proposal;
    expect(owner).toMatchObject({ proposedValue: '61001', currentValue: null, evidence: { quote: TEAM_OF_40 } });
    expect(owner?.reason).toContain('Routing rule of the Lead capture and routing lane (seats at least 10)');
    expect(result.proposals.map((p) => p.proposal.property).sort()).toEqual(['company', 'hs_lead_status', 'hubspot_owner_id', 'jobtitle', 'lastname', 'lifecyclestage', 'website']);
  });

  it('a rule naming someone who is no owner of the portal proposes no owner, and says why', async () => {
    const lanes = defaultLanes.map((l) => (l.id === 'lead-routing' ? { ...l, routing: [{ when: { field: 'seats', atLeast: 10 }, owner: 'nobody@northwind-sensors.example', reason: 'r' }] } : l));
    const result = await open(company, lanes);
    expect(result.contacts[0]!.properties.hubspot_owner_id).toBeUndefined();
    expect(result.dropped).toContainEqual({ property: 'hubspot_owner_id', reason: 'routing rule owner nobody@northwind-sensors.example is not an active owner of this HubSpot portal', lane: 'lead-routing' });
    expect(await listContacts(db, subject)).toEqual([]);
  });
});
