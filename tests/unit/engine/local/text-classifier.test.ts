import { describe, expect, it } from 'vitest';
import { parseCsv } from '@/lib/text/csv';
import { TextClassifier, type LabelledText } from '@/lib/engine/local/text-classifier';

const toy: LabelledText[] = [
  ...['the parcel is late', 'where is my delivery', 'shipment still not here', 'tracking has not moved', 'courier lost the package', 'when will my order arrive'].map((text) => ({ text, label: 'shipping' })),
  ...['please refund my payment', 'I want my money back', 'refund the duplicate charge', 'return the money for the cancelled plan', 'reimburse the fee', 'cancel and refund'].map((text) => ({ text, label: 'refund' })),
  ...['I forgot my password', 'reset my password please', 'password link expired', 'cannot log in with my password', 'new password not accepted', 'send a password reset'].map((text) => ({ text, label: 'password' })),
];

function trained(examples = toy): TextClassifier {
  const result = TextClassifier.train(examples, { bits: 12, epochs: 20 });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('TextClassifier', () => {
  it('learns a toy problem and generalises to unseen phrasing', () => {
    const model = trained();
    expect(model.predict('my delivery is late, where is the parcel?').label).toBe('shipping');
    expect(model.predict('could you refund the charge').label).toBe('refund');
    expect(model.predict('the password reset does not work').label).toBe('password');
    const p = model.predict('refund please');
    expect(p.confidence).toBeGreaterThan(0.5);
    expect(Object.values(p.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('refuses to train on fewer than two labels', () => {
    const result = TextClassifier.train(toy.filter((e) => e.label === 'refund'));
    expect(result.ok).toBe(false);
  });

  it('learns a correction and keeps what it knew', () => {
    const model = trained();
    const text = 'the invoice shows a wrong VAT number';
    expect(model.predict(text).label).not.toBe('billing');
    model.learn(text, 'billing');
    expect(model.labels).toContain('billing');
    expect(model.predict(text).label).toBe('billing');
    // A close paraphrase (cosine about 0.89) follows the correction.
    expect(model.predict('The invoice shows the wrong VAT number!').label).toBe('billing');
    for (const e of toy) expect(model.predict(e.text).label).toBe(e.label);
  });

  it('leaves the prediction of an unrelated text exactly as it was', () => {
    const model = trained();
    const unrelated = ['where is my parcel', 'I forgot my password again', 'please refund me', 'something else entirely'];
    const before = unrelated.map((t) => model.predict(t));
    model.learn('my order arrived but I want the money back', 'refund');
    model.learn('the courier charged me twice', 'refund');
    unrelated.forEach((t, i) => expect(model.predict(t)).toEqual(before[i]));
    // A new class takes a share of every softmax, so only the decisions are compared.
    model.learn('the invoice shows a wrong VAT number', 'billing');
    unrelated.forEach((t, i) => expect(model.predict(t).label).toBe(before[i]!.label));
  });

  it('forgets a correction of one text to one label, and only that one', () => {
    const model = trained();
    const before = model.predict('the invoice shows a wrong VAT number');
    model.learn('the invoice shows a wrong VAT number', 'refund');
    model.learn('the courier charged me twice', 'refund');
    expect(model.forget('the invoice shows a wrong VAT number', 'shipping')).toBe(false);
    expect(model.forget('the invoice shows a wrong VAT number', 'refund')).toBe(true);
    expect(model.predict('the invoice shows a wrong VAT number')).toEqual(before);
    expect(model.forget('the invoice shows a wrong VAT number', 'refund')).toBe(false);
    expect(model.toJSON().corrections).toHaveLength(1);
  });

  it('lets the latest correction of the same text win and keeps it once', () => {
    const model = trained();
    model.learn('invoice wrong amount', 'billing');
    model.learn('invoice wrong amount', 'refund');
    expect(model.predict('invoice wrong amount').label).toBe('refund');
    expect(model.toJSON().corrections.map((c) => c.label)).toEqual(['refund']);
  });

  it('keeps the memory bounded, forgetting the oldest correction first', () => {
    const result = TextClassifier.train(toy, { bits: 12, epochs: 20, memoryCapacity: 3 });
    if (!result.ok) throw new Error(result.error.message);
    const model = result.value;
    const oldest = 'the courier wants a customs form';
    const before = model.predict(oldest).label;
    expect(before).not.toBe('customs');
    const texts = [oldest, 'invoice wrong amount', 'VAT number missing on invoice', 'please close my account', 'change my billing address'];
    texts.forEach((t, i) => model.learn(t, ['customs', 'billing', 'billing', 'account', 'billing'][i]!));
    expect(model.toJSON().corrections.map((c) => c.label)).toEqual(['billing', 'account', 'billing']);
    expect(model.predict(oldest).label).toBe(before);
    expect(model.predict('please close my account').label).toBe('account');
    const restored = TextClassifier.fromJSON(JSON.parse(JSON.stringify(model.toJSON())) as unknown);
    expect(restored.ok && restored.value.toJSON().corrections.length).toBe(3);
  });

  it('improves on a confusable example after a correction to a known label', () => {
    const model = trained();
    const text = 'my order arrived but I want the money back';
    const before = model.predict(text).scores.refund ?? 0;
    model.learn(text, 'refund');
    expect(model.predict(text).scores.refund ?? 0).toBeGreaterThan(before);
    expect(model.predict(text).label).toBe('refund');
  });

  it('round-trips through toJSON/fromJSON with identical predictions', () => {
    const model = trained();
    model.learn('invoice wrong amount', 'billing');
    const json = JSON.parse(JSON.stringify(model.toJSON())) as unknown;
    const restored = TextClassifier.fromJSON(json);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    for (const text of ['where is my parcel', 'refund me', 'password expired', 'invoice wrong amount', 'invoice shows a wrong amount', 'something else entirely']) {
      expect(restored.value.predict(text)).toEqual(model.predict(text));
    }
    expect(restored.value.predict('invoice wrong amount').label).toBe('billing');
  });

  it('keeps hashed features of a corrected thread, never its text, and still reads version 2 models that held text', () => {
    const model = trained();
    const text = 'Please refund invoice INV-20931 to Marcus Oyelaran';
    model.learn(text, 'refund');
    const saved = JSON.stringify(model.toJSON());
    for (const word of ['INV-20931', 'Marcus', 'Oyelaran', 'refund invoice']) expect(saved).not.toContain(word);
    const { corrections: _corrections, ...rest } = model.toJSON();
    const v2 = { ...rest, version: 2, corrections: [[text, 'refund']] };
    const restored = TextClassifier.fromJSON(v2);
    if (!restored.ok) throw new Error(restored.error.message);
    expect(restored.value.predict(text)).toEqual(model.predict(text));
    expect(restored.value.toJSON().version).toBe(3);
  });

  it('reads a version 1 model (corrections in its weights) with an empty memory', () => {
    const model = trained();
    const v2 = model.toJSON();
    const { corrections: _corrections, memoryCapacity: _capacity, ...weights } = v2;
    const v1 = { ...weights, version: 1, replay: [['where is my parcel', 'shipping']], replayCapacity: 2000, seed: 7 };
    const restored = TextClassifier.fromJSON(v1);
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.value.toJSON().corrections).toEqual([]);
    for (const e of toy) expect(restored.value.predict(e.text)).toEqual(model.predict(e.text));
  });

  it('rejects a damaged serialisation with a next step', () => {
    const json = trained().toJSON();
    const damaged = TextClassifier.fromJSON({ ...json, weights: json.weights.slice(0, 8) });
    expect(damaged.ok).toBe(false);
    if (!damaged.ok) expect(damaged.error.nextStep).toMatch(/reset/i);
    expect(TextClassifier.fromJSON({ format: 'other' }).ok).toBe(false);
    expect(TextClassifier.fromJSON({ ...json, corrections: [{ label: 'not_a_label', indexes: '', values: '' }] }).ok).toBe(false);
    expect(TextClassifier.fromJSON({ ...json, corrections: [{ label: 'refund', indexes: btoa('\u00ff\u00ff\u00ff\u00ff'), values: btoa('\u0000\u0000\u0080\u003f') }] }).ok).toBe(false);
  });
});

describe('labelled CSV', () => {
  it('handles quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('text,category\r\n"Hi, ""there""",a\n"two\nlines",b\nplain,c\n')).toEqual([
      ['text', 'category'],
      ['Hi, "there"', 'a'],
      ['two\nlines', 'b'],
      ['plain', 'c'],
    ]);
  });
});
