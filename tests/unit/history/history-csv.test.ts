import { describe, expect, it } from 'vitest';
import { parseHistoryCsv } from '@/lib/history/history-csv';
import { categoryIdFor } from '@/lib/history/history-file';

describe('labelled history from a CSV', () => {
  it('reads text and category (any case, quoted fields), the optional lane, and maps labels to ids', () => {
    const parsed = parseHistoryCsv('Text,Category,Lane\n"Where is my card, please?",card_arrival,\n"Send the invoice\nagain",Invoice copy,billing\r\n');
    expect(parsed).toEqual({
      ok: true,
      value: {
        source: 'csv',
        skipped: [],
        examples: [
          { text: 'Where is my card, please?', category: 'card_arrival', label: 'card_arrival' },
          { text: 'Send the invoice\nagain', category: 'invoice_copy', label: 'Invoice copy', lane: 'billing' },
        ],
      },
    });
  });

  it('skips and counts rows without text or category, and names a file without the columns', () => {
    const parsed = parseHistoryCsv('text,label\nhello,greeting\n,greeting\nno label,\n');
    expect(parsed.ok && parsed.value.examples).toHaveLength(1);
    expect(parsed.ok && parsed.value.skipped).toEqual([
      { where: 'row 3', reason: 'no text' },
      { where: 'row 4', reason: 'no category' },
    ]);
    const missing = parseHistoryCsv('body,label\nx,y\n');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.nextStep).toContain('header');
    expect(parseHistoryCsv('text,category\n,\n').ok).toBe(false);
    // Intent datasets name the column "intent"; "category" wins where a file has both.
    const intents = parseHistoryCsv('text,intent\nbook a table for two,restaurant_reservation\n');
    expect(intents.ok && intents.value.examples[0]?.category).toBe('restaurant_reservation');
    const both = parseHistoryCsv('intent,text,category\nx,hello,greeting\n');
    expect(both.ok && both.value.examples[0]?.category).toBe('greeting');
  });

  it('turns labels into category ids', () => {
    expect(categoryIdFor('Warranty claim')).toBe('warranty_claim');
    expect(categoryIdFor('Rückerstattung / Refund')).toBe('ruckerstattung_refund');
    expect(categoryIdFor('2nd-level')).toBe('c_2nd_level');
    expect(categoryIdFor('!!!')).toBeNull();
  });
});
