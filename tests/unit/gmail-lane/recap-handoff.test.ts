import { describe, expect, it } from 'vitest';
import { buildHandoffPacket } from '@/lib/gmail-lane/background/handoff';
import { withPropertyFields } from '@/lib/hubspot-lane/background/handoff-fields';
import { recapOf } from '@/lib/hubspot-lane/background/meeting-recap';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import type { TriageInput } from '@/lib/schemas/triage-input';

const recapLane = defaultLanes.find((l) => l.id === 'meeting-followup')!;
const RECAP = 'Summary of today: pilot starts June 3 with 25 seats. Action items: Dana sends the onboarding checklist by Friday; Tom confirms the SSO setup date; Sara returns the signed DPA. Next check-in is June 10 at 3 pm CET.';
const input: TriageInput = {
  source: 'gmail',
  subject: 'Pilot kickoff and next steps',
  messages: [{ from: { name: 'Lena Fischer', email: 'lena.fischer@orbitworks.example' }, date: '2024-05-22T16:45:00Z', text: RECAP }],
};

describe('meeting recap handoff', () => {
  it("carries the recap's dated clauses, labels dropped, and the day the email was written; they are no property", () => {
    const packet = buildHandoffPacket({ subjectId: 'gmail:r1', input, lane: recapLane, id: 'h', now: Date.parse('2026-12-02T10:00:00Z') })!;
    expect(packet.fields.action_items!.split('\n')).toEqual(['pilot starts June 3 with 25 seats.', 'Dana sends the onboarding checklist by Friday', 'Next check-in is June 10 at 3 pm CET.']);
    expect(packet.writtenAt).toBe('2024-05-22T16:45:00.000Z');
    // The next step without its label; the evidence is the whole sentence.
    expect(packet.fields.hs_next_step).toBe('pilot starts June 3 with 25 seats.');
    expect(packet.evidence?.hs_next_step).toBe('Summary of today: pilot starts June 3 with 25 seats.');
    // The next meeting is the check-in, not the pilot's start.
    expect(packet.fields.notes_next_activity_date).toBe('2024-06-10');
    expect(packet.evidence?.notes_next_activity_date).toBe('Next check-in is June 10 at 3 pm CET.');
    expect(withPropertyFields(packet).fields.action_items).toBeUndefined();
  });

  it('makes a task of the dated action item, read against the day the email was written, and none of the undated ones', () => {
    const packet = buildHandoffPacket({ subjectId: 'gmail:r1', input, lane: recapLane, id: 'h', now: Date.parse('2026-12-02T10:00:00Z') })!;
    const recap = recapOf([{ ref: packet.id, kind: 'email', label: "Customer's email of 2024-05-22", text: packet.fields.action_items!, date: packet.writtenAt }], { properties: { hubspot_owner_id: '61001' } }, [], new Date('2026-12-02T10:00:00Z'));
    expect(recap.tasks.map((t) => [t.content.subject, t.content.dueDay])).toEqual([['Send the onboarding checklist (Dana)', '2024-05-24']]);
  });

  it('reads an action item behind a label in a logged note too', () => {
    const recap = recapOf([{ ref: 'engagement:1', kind: 'note', label: 'Meeting note of 2026-05-28', text: 'Action items: Tom sends the SSO checklist by Friday.', date: '2026-05-28T10:00:00Z' }], { properties: {} }, [], new Date('2026-06-01T10:00:00Z'));
    expect(recap.tasks.map((t) => t.content.subject)).toEqual(['Send the SSO checklist (Tom)']);
  });
});
