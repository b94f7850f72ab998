import { describe, expect, it } from 'vitest';
import { TriageDatabase } from '@/lib/db/database';
import { addCorrectionExample } from '@/lib/engine/local/examples-store';
import { LocalModelKeeper } from '@/lib/engine/local/model-keeper';
import { confusedPairs, trainPairSpecialists } from '@/lib/engine/local/pair-specialists';
import { pairKey, TextClassifier, type LabelledText } from '@/lib/engine/local/text-classifier';
import { defaultLanes } from '@/lib/lanes/default-lanes';

// "late" and "lost" share their words; "refund" does not.
const examples: LabelledText[] = [
  ...['my parcel is late', 'the delivery is late again', 'package late by a week', 'the courier is late with my parcel', 'delivery running late', 'my order is late'].map((text) => ({ text, label: 'late' })),
  ...['my parcel is lost', 'the delivery got lost', 'package lost by the courier', 'the courier lost my parcel', 'lost delivery', 'my order is lost'].map((text) => ({ text, label: 'lost' })),
  ...['please refund my payment', 'I want my money back', 'refund the duplicate charge', 'reimburse the fee', 'cancel and refund', 'money back please'].map((text) => ({ text, label: 'refund' })),
];

function train(data: LabelledText[], bits = 12): TextClassifier {
  const result = TextClassifier.train(data, { bits, epochs: 20 });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const margin = (model: TextClassifier, text: string) => {
  const [first, second] = Object.values(model.predict(text).scores).sort((a, b) => b - a);
  return first! - second!;
};

describe('pair specialists', () => {
  it('decide between the two categories the model is torn between, and nowhere else', () => {
    const model = train(examples);
    const torn = 'where is my parcel';
    expect(margin(model, torn)).toBeLessThan(0.3);
    const before = model.predict(torn);
    expect(before.label).toBe('late');
    // A specialist that learnt, from the team's corrections, that such mail is about lost parcels.
    const specialist = train([...examples.filter((e) => e.label === 'late'), ...examples.filter((e) => e.label === 'lost'), ...['where is my parcel, nobody came', 'the courier never came with my parcel', 'my parcel has not come at all'].map((text) => ({ text, label: 'lost' }))]);
    model.setSpecialists(new Map([[pairKey('late', 'lost'), specialist]]));
    const after = model.predict(torn);
    expect(after.label).toBe(specialist.predict(torn).label);
    expect(after.label).toBe('lost');
    // The two share what the model gave them together; the other category keeps its probability.
    expect(after.scores.late! + after.scores.lost!).toBeCloseTo(before.scores.late! + before.scores.lost!, 6);
    expect(after.scores.refund).toBeCloseTo(before.scores.refund!, 6);
    // Where the model is sure, or torn between another pair, the specialist has no say.
    const sure = 'please refund my payment';
    expect(margin(model, sure)).toBeGreaterThanOrEqual(0.3);
    expect(model.predict(sure)).toEqual(train(examples).predict(sure));
  });

  it('are trained for each corrected category and its closest rival, newest correction first', async () => {
    const model = train(examples);
    const corrections = [
      { text: 'where is my parcel, the courier has not come', label: 'lost' },
      { text: 'I want my money back for the late delivery', label: 'refund' },
    ];
    const pairs = confusedPairs(model, corrections).map(([a, b]) => pairKey(a, b));
    expect(pairs[0]).toBe(pairKey('lost', 'late'));
    expect(pairs).toHaveLength(2);
    const specialists = await trainPairSpecialists(model, corrections, [...examples, ...corrections]);
    expect([...specialists.keys()].sort()).toEqual([...pairs].sort());
    for (const [key, specialist] of specialists) expect(pairKey(specialist.labels[0]!, specialist.labels[1]!)).toBe(key);
  });

  it('are saved with the model and read back with the same predictions; a specialist for labels the model lacks is refused', async () => {
    const model = train(examples);
    const corrections = [{ text: 'where is my parcel, the courier has not come', label: 'lost' }];
    model.setSpecialists(await trainPairSpecialists(model, corrections, [...examples, ...corrections]));
    const json = model.toJSON();
    expect(json.specialists).toHaveLength(1);
    const read = TextClassifier.fromJSON(JSON.parse(JSON.stringify(json)));
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.specialistCount).toBe(1);
    for (const text of ['where is my parcel', 'my parcel is late', 'refund please', corrections[0]!.text]) expect(read.value.predict(text)).toEqual(model.predict(text));
    const foreign = { ...json, specialists: [{ ...json.specialists![0]!, pair: ['late', 'stolen'] }] };
    expect(TextClassifier.fromJSON(foreign)).toMatchObject({ ok: false, error: { code: 'classifier_unreadable' } });
  });

  it('are trained by the background keeper after reps correct, and counted in its training figures', async () => {
    const db = new TriageDatabase(`specialists-${Math.random()}`);
    const figures: Array<{ specialists: number }> = [];
    const keeper = new LocalModelKeeper(db, async () => defaultLanes, { trained: (f) => figures.push(f) });
    const first = await keeper.current();
    expect(first.ok).toBe(true);
    expect(figures.at(-1)?.specialists).toBe(0);
    await addCorrectionExample(db, 'The parcel with the mixer never came and tracking stopped a week ago, we want our money back', 'refund_request');
    await keeper.current();
    await keeper.settled();
    expect(figures.at(-1)?.specialists).toBe(1);
    const current = await keeper.current();
    expect(current.ok && current.value.specialistCount).toBe(1);
    db.close();
  });
});
