import { describe, expect, it } from 'vitest';
import { detectUrgency, statedDeadline } from '@/lib/engine/local/urgency-rules';

// Wednesday 22 May 2024, the RFQ fixture's message date.
const wednesday = new Date('2024-05-22T07:12:00Z');

describe('deadlines stated in words, read from the message date', () => {
  it.each([
    ['We need the parts by Saturday.', '2024-05-25', 3],
    ['Please answer before the weekend.', '2024-05-24', 2],
    ['Our tender closes on 31 May.', '2024-05-31', 9],
    ['Bitte liefern Sie bis Freitag.', '2024-05-24', 2],
    ['Die Ausschreibung endet am 28. Mai.', '2024-05-28', 6],
  ])('%s', (text, day, days) => {
    expect(statedDeadline(text, wednesday)).toMatchObject({ day, days });
  });

  it('a near deadline is P2 with the date in the reason; a far one is not urgent by its words alone', () => {
    expect(detectUrgency('We need the parts by Saturday.', { reference: wednesday })).toMatchObject({ value: 'P2', reason: expect.stringContaining('2024-05-25') });
    expect(detectUrgency('Our tender closes on 31 May.', { reference: wednesday })).toMatchObject({ value: 'P3', reason: expect.stringContaining('9 days after the message') });
  });
});
