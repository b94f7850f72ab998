import { describe, expect, it } from 'vitest';
import { buildHandoffPacket } from '@/lib/gmail-lane/background/handoff';
import { ticketFields } from '@/lib/gmail-lane/background/ticket-fields';
import { handoffElsewhere } from '@/lib/hubspot-lane/background/propose-for-record';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import type { TriageInput } from '@/lib/schemas/triage-input';

const support = defaultLanes.find((l) => l.id === 'support-replies')!;
const input: TriageInput = {
  source: 'gmail',
  subject: 'Charged twice',
  messages: [{ from: { name: 'Marcus Oyelaran', email: 'Marcus@brightlane-studio.example' }, date: '2024-03-04T08:41:00Z', text: 'Hello, I was charged twice for the renewal this month. This is urgent, our books close on Friday.\n\nMarcus' }],
};
const urgent = { category: { value: 'billing_dispute', confidence: 0.8 }, urgency: { value: 'P2' as const, reason: 'Deadline or near date: “urgent”', confidence: 0.75 } };

describe('support replies handoff', () => {
  it('carries the ticket priority from the urgency and the category from the lane data, each quoting the customer', () => {
    const packet = buildHandoffPacket({ subjectId: 'gmail:s1', input, lane: support, id: 'h', now: 0, classification: urgent });
    expect(packet?.status).toBe('waiting');
    expect(packet?.contactEmail).toBe('marcus@brightlane-studio.example');
    expect(packet?.fields).toEqual({ hs_ticket_priority: 'HIGH', hs_ticket_category: 'BILLING_ISSUE' });
    expect(packet?.evidence?.hs_ticket_priority).toBe('This is urgent, our books close on Friday.');
    expect(packet?.evidence?.hs_ticket_category).toBe('Hello, I was charged twice for the renewal this month.');
  });

  it('maps each urgency to a HubSpot priority, and a category without ticket data proposes no category', () => {
    const lane = { ...support, categories: support.categories.map((c) => ({ ...c, ticketCategory: undefined })) };
    const levels = (['P1', 'P2', 'P3', 'P4'] as const).map((value) => ticketFields({ ...urgent, urgency: { value, reason: 'no words', confidence: 0.6 } }, lane, ['Where is my order?']));
    expect(levels.map((f) => f.hs_ticket_priority?.value)).toEqual(['HIGH', 'HIGH', 'MEDIUM', 'LOW']);
    expect(levels.every((f) => f.hs_ticket_category === undefined)).toBe(true);
  });

  it('without a classification the thread hands nothing off', () => {
    expect(buildHandoffPacket({ subjectId: 'gmail:s2', input, lane: support, id: 'h', now: 0 })).toBeNull();
  });
});

describe('where a ticket lane proposes', () => {
  it('on an open ticket; not on a closed one; on the contact it names the open ticket or says there is none', () => {
    expect(handoffElsewhere(support, '0-5', { closed: false })).toBeNull();
    expect(handoffElsewhere(support, '0-5', { closed: true })).toContain('This ticket is closed');
    expect(handoffElsewhere(support, '0-1', { tickets: [{ id: '1', name: 'Old', open: false }, { id: '2', name: 'Refund', open: true }] })).toContain('open ticket "Refund" (ticket 2)');
    expect(handoffElsewhere(support, '0-1', { tickets: [{ id: '1', name: 'Old', open: false }] })).toBe('This contact has no open ticket: nothing is proposed from the SOP-grounded support replies handoff.');
    expect(handoffElsewhere(support, '0-3', {})).toBe('The SOP-grounded support replies lane writes to ticket, not to this deal.');
  });
});
