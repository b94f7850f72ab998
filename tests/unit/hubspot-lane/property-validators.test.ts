import { describe, expect, it } from 'vitest';
import type { PropertyDefinition } from '@/lib/schemas/hubspot';
import { isWritable, sameValue, validateProposedValue } from '@/lib/hubspot-lane/shared/property-validators';
import { hubspotSeed } from '@/tests/support/fake-hubspot';

function def(type: string, name: string): PropertyDefinition {
  const found = Object.values(hubspotSeed.definitions).flat().find((d) => d.name === name);
  if (!found || found.type !== type) throw new Error(`seed has no ${type} property ${name}`);
  return found;
}

const accepts = (d: PropertyDefinition, v: string) => validateProposedValue(d, v).ok;

describe('proposed value validators', () => {
  it('enumeration: one of the visible option values, not labels or hidden options', () => {
    const stage = def('enumeration', 'lifecyclestage');
    expect(accepts(stage, 'customer')).toBe(true);
    expect(accepts(stage, 'Customer')).toBe(false);
    expect(accepts(stage, 'champion')).toBe(false);
    const status = def('enumeration', 'hs_lead_status');
    expect(accepts(status, 'IN_PROGRESS')).toBe(true);
    expect(accepts(status, 'RECYCLED')).toBe(false); // hidden in this portal
  });

  it("multiple checkboxes: a ';'-joined subset, each once", () => {
    const interests = def('enumeration', 'product_interests');
    expect(accepts(interests, 'gateways')).toBe(true);
    expect(accepts(interests, 'gateways;analytics')).toBe(true);
    expect(accepts(interests, 'gateways;gateways')).toBe(false);
    expect(accepts(interests, 'gateways,analytics')).toBe(false);
    expect(accepts(interests, 'gateways;drones')).toBe(false);
  });

  it('number: a plain numeric string', () => {
    const amount = def('number', 'amount');
    expect(accepts(amount, '12500')).toBe(true);
    expect(accepts(amount, '12500.50')).toBe(true);
    expect(accepts(amount, '-3')).toBe(true);
    expect(accepts(amount, '$12,500')).toBe(false);
    expect(accepts(amount, '1e5')).toBe(false);
    expect(accepts(amount, '')).toBe(false);
  });

  it('date: YYYY-MM-DD that exists, or epoch ms at midnight UTC', () => {
    const date: PropertyDefinition = { ...def('string', 'jobtitle'), name: 'renewal_date', type: 'date', fieldType: 'date' };
    expect(accepts(date, '2024-04-15')).toBe(true);
    expect(accepts(date, '2024-02-30')).toBe(false);
    expect(accepts(date, String(Date.UTC(2024, 3, 15)))).toBe(true);
    expect(accepts(date, String(Date.UTC(2024, 3, 15, 9)))).toBe(false);
    expect(accepts(date, '15/04/2024')).toBe(false);
  });

  it('datetime: ISO 8601 or epoch ms', () => {
    const close = def('datetime', 'closedate');
    expect(accepts(close, '2024-03-28T00:00:00.000Z')).toBe(true);
    expect(accepts(close, '2024-03-28T09:30:00+01:00')).toBe(true);
    expect(accepts(close, '1711584000000')).toBe(true);
    expect(accepts(close, 'March 28')).toBe(false);
  });

  it("bool: 'true' or 'false'", () => {
    const optout = def('bool', 'hs_email_optout');
    expect(accepts(optout, 'true')).toBe(true);
    expect(accepts(optout, 'yes')).toBe(false);
  });

  it('string and phone: single-line text, phone-like digits', () => {
    expect(accepts(def('string', 'jobtitle'), 'Head of Procurement')).toBe(true);
    expect(accepts(def('string', 'jobtitle'), 'Head\nof Procurement')).toBe(false);
    expect(accepts(def('string', 'hs_next_step'), 'Send quote\nthen call')).toBe(true); // textarea
    const mobile = def('phone_number', 'mobilephone');
    expect(accepts(mobile, '+44 113 496 0123')).toBe(true);
    expect(accepts(mobile, '(415) 555-0134 ext. 12')).toBe(true);
    expect(accepts(mobile, 'call me')).toBe(false);
    expect(accepts(mobile, '12-34')).toBe(false);
  });

  it('refuses types it does not know', () => {
    const odd: PropertyDefinition = { ...def('string', 'jobtitle'), type: 'object_coordinates' };
    expect(validateProposedValue(odd, 'x')).toMatchObject({ ok: false, reason: expect.stringContaining('object_coordinates') });
  });
});

describe('isWritable', () => {
  it('excludes calculated, read-only, calculation and file properties', () => {
    expect(isWritable(def('string', 'jobtitle'))).toBe(true);
    expect(isWritable(def('enumeration', 'dealstage'))).toBe(true);
    expect(isWritable(def('number', 'hs_object_id'))).toBe(false);
    expect(isWritable(def('number', 'num_notes'))).toBe(false);
    expect(isWritable(def('number', 'days_to_close'))).toBe(false);
    expect(isWritable(def('string', 'contract_file'))).toBe(false);
    expect(isWritable(def('datetime', 'notes_next_activity_date'))).toBe(false);
    expect(isWritable({ ...def('string', 'jobtitle'), calculated: true })).toBe(false);
  });
});

describe('sameValue', () => {
  it('compares dates by calendar day and numbers by value', () => {
    expect(sameValue(def('datetime', 'closedate'), '2024-05-31T00:00:00Z', '2024-05-31T00:00:00.000Z')).toBe(true);
    expect(sameValue(def('datetime', 'closedate'), '2024-05-31T00:00:00Z', '2024-06-01T00:00:00.000Z')).toBe(false);
    expect(sameValue(def('number', 'amount'), '9800', '9800.00')).toBe(true);
    expect(sameValue(def('enumeration', 'product_interests'), 'gateways;analytics', 'analytics;gateways')).toBe(true);
    expect(sameValue(def('string', 'jobtitle'), null, '')).toBe(true);
    expect(sameValue(def('string', 'jobtitle'), null, 'Buyer')).toBe(false);
  });
});
