import { describe, expect, it } from 'vitest';
import { indexTerms, stem, termsOf } from '@/lib/sop/text-terms';

describe('indexTerms', () => {
  it('keeps repeats in order and drops stop words and punctuation', () => {
    expect(indexTerms('Refunds: the refund was refunded, then REFUNDING stopped.')).toEqual(['refund', 'refund', 'refund', 'refund', 'stop']);
  });

  it('splits on anything but letters, digits and apostrophes, Unicode included', () => {
    expect(indexTerms('Straße—über  café\tnaïve_ÉCOLE 中文')).toEqual(['straß', 'über', 'café', 'naïv', 'écol', '中文']);
    // Letters outside the Basic Multilingual Plane stay one token; an emoji separates.
    expect(indexTerms('𝐀𝐁c😀order')).toEqual(['𝐀𝐁c', 'order']);
    // A lone surrogate is not a letter.
    expect(indexTerms('invoice\ud800total')).toEqual(['invoic', 'total']);
  });

  it('joins apostrophes and drops the result when it is a stop word', () => {
    expect(indexTerms("Don't cancel the customer’s order")).toEqual(['cancel', 'customer', 'order']);
  });

  it('keeps single digits and drops single letters', () => {
    expect(indexTerms('Plan B costs 5 euros, 12 for x')).toEqual(['plan', 'cost', '5', 'euro', '12']);
  });

  it('gives the same terms on a second pass (remembered terms match computed ones)', () => {
    const text = 'Shipping addresses changed; moving boxes, statuses and analyses of the dishes.';
    const first = indexTerms(text);
    expect(indexTerms(text)).toEqual(first);
    expect(first).toEqual(['ship', 'address', 'chang', 'mov', 'box', 'status', 'analys', 'dish']);
  });
});

describe('termsOf', () => {
  it('gives distinct terms in first-seen order', () => {
    expect(termsOf('Refund the refund, then ship; shipping refunds.')).toEqual(['refund', 'ship']);
  });

  it('agrees with stem for plain words', () => {
    for (const word of ['chargebacks', 'disputed', 'quickly', 'payment', 'addresses']) expect(termsOf(word)).toEqual([stem(word)]);
  });
});
