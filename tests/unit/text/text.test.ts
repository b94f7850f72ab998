import { describe, expect, it } from 'vitest';
import { findDate } from '@/lib/text/dates';
import { normaliseNumber } from '@/lib/text/numbers';
import { sentenceSpans, statementSpans } from '@/lib/text/sentences';

const now = new Date('2024-03-20T10:00:00Z'); // a Wednesday

describe('findDate', () => {
  it.each([
    ['Delivery by 2024-04-15 please', '2024-04-15'],
    ['We sign by March 28.', '2024-03-28'],
    ['Decision on the 28th March', '2024-03-28'],
    ['Decision on Apr 3rd, 2025', '2025-04-03'],
    ['Kick-off on January 10', '2025-01-10'], // already past this year
    ['Call next Friday', '2024-03-29'],
    ['Call this Friday', '2024-03-22'],
    ['Call on Monday', '2024-03-25'],
    ['Call tomorrow', '2024-03-21'],
    ['Due 2024-02-30', null],
    ['No date here', null],
  ])('%s → %s', (text, expected) => {
    expect(findDate(text, now)?.day ?? null).toBe(expected);
  });
});

describe('normaliseNumber', () => {
  it.each([
    ['12,500', '12500'],
    ['8.000', '8000'],
    ['8.000,50', '8000.5'],
    ['1,250,000.75', '1250000.75'],
    ['12.50', '12.5'],
    ['2,000', '2000'],
    ['7', '7'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseNumber(raw)).toBe(expected);
  });
});

describe('statementSpans', () => {
  it('joins a list to the line that leads into it, and leaves other sentences as they are', () => {
    const text = 'Within 2 business days, collect:\n- the onboarding lead and their email;\n- the number of seats,\n\nSend the SSO guide. Agenda:\nNext line.';
    expect(statementSpans(text)).toEqual(['Within 2 business days, collect: the onboarding lead and their email; the number of seats.', 'Send the SSO guide.', 'Agenda:', 'Next line.']);
    const packet = '- buyer company and country;\n- quantity per product.\n\nAsk for anything missing.\n\n- Under 10 seats: self-serve.';
    expect(statementSpans(packet, 'What the RFQ packet must contain')).toEqual(['What the RFQ packet must contain: buyer company and country; quantity per product.', 'Ask for anything missing.', '- Under 10 seats: self-serve.']);
  });
});

describe('sentenceSpans', () => {
  it('ends a sentence after a day number unless a month follows', () => {
    expect(sentenceSpans('Sign by March 28. Our budget is set.\nNext step: call.')).toEqual(['Sign by March 28.', 'Our budget is set.', 'Next step: call.']);
    expect(sentenceSpans('Lieferung am 9. Februar bitte. Danke!')).toEqual(['Lieferung am 9. Februar bitte.', 'Danke!']);
  });

  it('does not end a sentence at an abbreviation, or at a number label when a number follows', () => {
    expect(sentenceSpans('Could you quote 500 pcs (art. SH-210) to Lyon? We need them by 30 June.')).toEqual(['Could you quote 500 pcs (art. SH-210) to Lyon?', 'We need them by 30 June.']);
    expect(sentenceSpans('Order no. 4411 arrived broken, e.g. the bowl. Mr. Lee called. Bitte z.B. Fotos senden.')).toEqual(['Order no. 4411 arrived broken, e.g. the bowl.', 'Mr. Lee called.', 'Bitte z.B. Fotos senden.']);
    expect(sentenceSpans('The answer is no. Thanks for asking.')).toEqual(['The answer is no.', 'Thanks for asking.']);
  });
});
