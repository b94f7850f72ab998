import { describe, expect, it } from 'vitest';
import { createLocalEngine } from '@/lib/engine/local/local-engine';
import { buildHandoffPacket } from '@/lib/gmail-lane/background/handoff';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { withPropertyFields } from '@/lib/hubspot-lane/background/handoff-fields';
import type { TriageInput } from '@/lib/schemas/triage-input';

const intake = defaultLanes.find((l) => l.id === 'intake-onboarding')!;
const email = (text: string): TriageInput => ({
  source: 'gmail',
  subject: 'Getting started',
  messages: [{ from: { name: 'Lena Brandt', email: 'lena@kestrel-analytics.example' }, date: '2026-05-04T09:00:00Z', text }],
});

describe('intake and onboarding handoff', () => {
  it('carries the start date, next step, contact person, seats and requirements; SSO raises the security acknowledgement', async () => {
    const input = email('We signed last week and would like to start onboarding on June 3. Our project lead is Jonas Weber. We will need 40 seats at first. We need SSO with Okta and our security questionnaire filled in before go-live.\n\nLena Brandt\nKestrel Analytics GmbH');
    const packet = buildHandoffPacket({ subjectId: 'gmail:i1', input, lane: intake, id: 'h', now: Date.parse('2026-05-04T10:00:00Z') });
    expect(packet?.status).toBe('waiting');
    expect(packet?.fields).toMatchObject({ company: 'Kestrel Analytics GmbH', onboarding_start_date: '2026-06-03', contact_person: 'Jonas Weber', seats: '40', requirements: 'SSO (Okta), security questionnaire' });
    expect(packet?.fields.hs_next_step).toContain('start onboarding on June 3');
    expect(packet?.evidence?.onboarding_start_date).toContain('June 3');
    expect(packet?.evidence?.requirements).toBe('We need SSO with Okta and our security questionnaire filled in before go-live.');
    // As HubSpot properties: the terms travel in the deal's description, quoting the customer's sentences.
    const asProperties = withPropertyFields(packet!);
    expect(asProperties.fields.description).toBe('Onboarding: Contact person: Jonas Weber; Seats: 40; Requirements: SSO (Okta), security questionnaire.');
    expect(asProperties.evidence?.description).toContain('We need SSO with Okta');
    const classified = await createLocalEngine().classify(input, defaultLanes);
    expect(classified.ok && classified.value.riskFlags.map((f) => f.flag)).toContain('security');
  });

  it('reads "contact person: Name" and carries no term the thread does not give', () => {
    const packet = buildHandoffPacket({ subjectId: 'gmail:i3', input: email('We would like to start onboarding on June 3. Our contact person for the rollout is Mira Koch.\n\nLena Brandt\nKestrel Analytics GmbH'), lane: intake, id: 'h', now: Date.parse('2026-05-04T10:00:00Z') });
    expect(packet?.fields.contact_person).toBe('Mira Koch');
    expect(packet?.fields.seats).toBeUndefined();
    expect(packet?.fields.requirements).toBeUndefined();
  });

  it('says there is nothing to hand off when the lane may write none of what the thread gave, instead of waiting forever', () => {
    const packet = buildHandoffPacket({ subjectId: 'gmail:i2', input: email('Hello, we are a new customer.\n\nLena Brandt\nKestrel Analytics GmbH'), lane: intake, id: 'h', now: 0 });
    expect(packet?.fields).toEqual({ company: 'Kestrel Analytics GmbH' });
    expect(packet?.nothingWritable).toBe(true);
    expect(packet?.status).toBe('dismissed');
  });
});
