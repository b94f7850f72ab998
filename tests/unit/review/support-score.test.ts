import { describe, expect, it } from 'vitest';
import { SUPPORT_THRESHOLD, supportScore } from '@/lib/review/citations';

const passage = 'Ask for the workspace address and the invoice number. Annual plans renewed in the last 14 days get a full refund.';

describe('support of a claim by the passage it cites', () => {
  it('a short claim needs every one of its words in the passage: one shared word of two is no support', () => {
    expect(supportScore('As you asked, here it is: Piano.', passage)).toBeLessThan(SUPPORT_THRESHOLD);
    expect(supportScore('Ask for the invoice number.', passage)).toBe(1);
  });

  it('a longer claim is supported by a share of its words', () => {
    expect(supportScore('Annual plans renewed within the last 14 days get a full refund to the card.', passage)).toBeGreaterThanOrEqual(SUPPORT_THRESHOLD);
    expect(supportScore('Your parcel left our warehouse and the courier delivers tomorrow.', passage)).toBeLessThan(SUPPORT_THRESHOLD);
  });
});
