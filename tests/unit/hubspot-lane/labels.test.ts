import { describe, expect, it } from 'vitest';
import { propertyLabel, valueLabel } from '@/components/panel/labels';

describe('labels a rep reads', () => {
  it('names HubSpot default properties as HubSpot does, and anything else readably', () => {
    expect(propertyLabel('firstname')).toBe('First name');
    expect(propertyLabel('hs_lead_status')).toBe('Lead status');
    expect(propertyLabel('incoterms_requested')).toBe('Incoterms requested');
  });

  it('reads option properties\' internal values as words and leaves other values as they are', () => {
    expect(valueLabel('hs_ticket_category', 'BILLING_ISSUE')).toBe('Billing issue');
    expect(valueLabel('hs_ticket_priority', 'HIGH')).toBe('High');
    expect(valueLabel('company', 'ACME')).toBe('ACME');
    expect(valueLabel('incoterms_requested', 'CIF Jebel Ali')).toBe('CIF Jebel Ali');
  });
});
