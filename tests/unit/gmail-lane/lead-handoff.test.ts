import { describe, expect, it } from 'vitest';
import { buildHandoffPacket } from '@/lib/gmail-lane/background/handoff';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import type { TriageInput } from '@/lib/schemas/triage-input';

const lead = defaultLanes.find((l) => l.id === 'lead-routing')!;
const NOW = Date.parse('2024-05-23T14:00:00Z');

const email = (from: { name: string; email: string }, text: string, signature?: string, subject = 'Question'): TriageInput => ({
  source: 'gmail',
  subject,
  messages: [{ from, date: '2024-05-23T13:02:00Z', text, ...(signature ? { signature } : {}) }],
});
const packetOf = (input: TriageInput) => buildHandoffPacket({ subjectId: 'gmail:t', input, lane: lead, id: 'h', now: NOW })!;

describe('lead handoff extraction', () => {
  it('reads the lead of the split-pane thread: name, title, seats, partner source, and the SOP values for a new lead', () => {
    const packet = packetOf(
      email(
        { name: 'Ines Carvalho', email: 'ines@tidepool-analytics.example' },
        'Hi, we are evaluating tools for our analytics team of 40 and found you through a partner. Do you offer annual pricing for 40 seats, and can we get a demo next week? Budget is approved for Q3.',
        'Ines Carvalho\nVP Data, Tidepool Analytics',
        'Pricing for 40 seats?',
      ),
    );
    expect(packet.fields).toMatchObject({
      email: 'ines@tidepool-analytics.example',
      firstname: 'Ines',
      lastname: 'Carvalho',
      company: 'Tidepool Analytics',
      website: 'tidepool-analytics.example',
      jobtitle: 'VP Data',
      seats: '40',
      source: 'Partner referral',
      lifecyclestage: 'lead',
      hs_lead_status: 'NEW',
    });
    // "Budget is approved for Q3" names no amount: no budget is made up.
    expect(packet.fields.budget).toBeUndefined();
    // Evidence is the customer's words, never the value restated.
    for (const [field, value] of Object.entries(packet.fields)) expect(packet.evidence?.[field], field).not.toBe(value);
    expect(packet.evidence?.firstname).toBe('Ines Carvalho\nVP Data, Tidepool Analytics');
    expect(packet.evidence?.jobtitle).toBe('VP Data, Tidepool Analytics');
    expect(packet.evidence?.source).toContain('found you through a partner');
    expect(packet.evidence?.seats).toContain('team of 40');
    expect(packet.evidence?.hs_lead_status).toContain('evaluating tools');
    expect(packet.evidence?.email).toBe('Ines Carvalho <ines@tidepool-analytics.example>');
    // The routing rule that fires, named for the Gmail panel: 40 seats is the SOP's mid-market band.
    expect(packet.routing).toEqual({ owner: 'sam.okafor@northwind-sensors.example', reason: '10 to 49 seats: mid-market team.' });
  });

  it('reads a title from an introduction, a phone from the signature, seats as users and a budget with its currency', () => {
    const packet = packetOf(
      email(
        { name: 'Tom Becker', email: 'tom.becker@brightwater-logistics.example' },
        "Hello, I'm the procurement manager at Brightwater Logistics. We need the platform for 120 users across three depots. Our annual budget for this is EUR 60,000.",
        'Tom Becker\nBrightwater Logistics\nTel: +44 20 7946 0321',
      ),
    );
    expect(packet.fields).toMatchObject({ jobtitle: 'procurement manager', seats: '120', budget: '60000 EUR', phone: '+44 20 7946 0321' });
    expect(packet.evidence?.jobtitle).toBe("Hello, I'm the procurement manager at Brightwater Logistics.");
    expect(packet.evidence?.phone).toBe('Tel: +44 20 7946 0321');
    expect(packet.fields.source).toBeUndefined();
  });

  it('reads "I\'m <name>, <title> at", a named partner firm recommending us, and a direct line in the body', () => {
    const packet = packetOf(
      email(
        { name: 'Aiko Tanaka', email: 'aiko@harbourline.example' },
        "I'm Aiko, Head of Operations at Harbourline. Fenwick Partners recommended you for our 25 licences. You can reach me directly on 020 7946 0958.",
      ),
    );
    expect(packet.fields).toMatchObject({ jobtitle: 'Head of Operations', seats: '25', source: 'Partner referral', phone: '020 7946 0958' });
    // The sentence she introduces herself in is the evidence of her name.
    expect(packet.evidence?.firstname).toBe("I'm Aiko, Head of Operations at Harbourline.");
  });

  it('does not take dates, quantities or order numbers for a phone, nor a referral that is no partner for one', () => {
    const packet = packetOf(
      email({ name: 'Sam Lee', email: 'sam@acme-retail.example' }, 'A colleague referred us to you. We would like a trial for 8 seats from 2024-06-01, order 12345678 was our old one.'),
    );
    expect(packet.fields.phone).toBeUndefined();
    expect(packet.fields.source).toBe('Referral');
    expect(packet.fields.seats).toBe('8');
  });

  it('gives no website for a free-mail address', () => {
    const packet = packetOf(email({ name: 'Sam Lee', email: 'sam.lee@gmail.com' }, 'We would like a demo for 12 seats.', 'Sam Lee\nOwner, Lee Bakery Ltd'));
    expect(packet.fields.website).toBeUndefined();
    expect(packet.fields.company).toBe('Lee Bakery Ltd');
  });

  it('proposes no lead values when the mail asks nothing about buying', () => {
    const packet = packetOf(email({ name: 'Sam Lee', email: 'sam@acme-retail.example' }, 'Thanks for the call today, talk soon.'));
    expect(packet.fields.lifecyclestage).toBeUndefined();
    expect(packet.fields.hs_lead_status).toBeUndefined();
  });
});
