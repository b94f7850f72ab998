import { describe, expect, it } from 'vitest';
import { customerQuestions } from '@/lib/drafting/customer-questions';

describe('the customer\'s requests', () => {
  it('keeps each of two requests joined by a semicolon, questions without a question mark, and polite imperatives', () => {
    expect(customerQuestions('Hi, please change our invoice address to Hafenstrasse 12; who is our account manager now? Thanks, Ana')).toEqual([
      'please change our invoice address to Hafenstrasse 12',
      'who is our account manager now?',
    ]);
    expect(customerQuestions('Please find attached the photos. The box was crushed.')).toEqual([]);
    expect(customerQuestions('Bitte senden Sie uns eine Kopie der Rechnung.')).toEqual(['Bitte senden Sie uns eine Kopie der Rechnung.']);
  });
});
