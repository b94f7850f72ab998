import { describe, expect, it } from 'vitest';
import { propertyLabel } from '@/components/panel/labels';

describe('labels a rep reads', () => {
  it('names HubSpot default properties as HubSpot does, and anything else readably', () => {
    expect(propertyLabel('firstname')).toBe('First name');
    expect(propertyLabel('hs_lead_status')).toBe('Lead status');
    expect(propertyLabel('incoterms_requested')).toBe('Incoterms requested');
  });
});
