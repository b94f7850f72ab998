import { describe, expect, it } from 'vitest';
import { TriageDatabase } from '@/lib/db/database';
import { LocalModelKeeper } from '@/lib/engine/local/model-keeper';
import type { TextClassifier } from '@/lib/engine/local/text-classifier';
import { addCorrectionExample, replaceHistory } from '@/lib/engine/local/examples-store';
import { createLocalEngine } from '@/lib/engine/local/local-engine';
import { classifierText } from '@/lib/engine/local/thread-text';
import { applyCorrection, removeCorrection } from '@/lib/gmail-lane/background/corrections';
import { examplesRevision } from '@/lib/engine/local/training-set';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { categorySchema, type Lane } from '@/lib/schemas/lane';
import type { TriageInput } from '@/lib/schemas/triage-input';

const email = (text: string, subject = ''): TriageInput => ({ source: 'gmail', subject, messages: [{ from: { name: 'Customer', email: 'c@customer.example' }, date: null, text }] });

function keeperOn(db: TriageDatabase, lanes: { current: Lane[] }) {
  const trainings: number[] = [];
  const keeper = new LocalModelKeeper(db, async () => lanes.current, { trained: (f) => trainings.push(f.labels) });
  return { keeper, trainings };
}

async function model(keeper: LocalModelKeeper) {
  const current = await keeper.current();
  if (!current.ok) throw new Error(current.error.message);
  return current.value;
}

/** A fresh database and the starter lanes' model its keeper trained. */
async function starterOn(): Promise<{ db: TriageDatabase; current: TextClassifier }> {
  const db = new TriageDatabase(`keeper-${Math.random()}`);
  const { keeper } = keeperOn(db, { current: defaultLanes });
  return { db, current: await model(keeper) };
}

/** A rep changes the email's category to `to` through the background's correction path. */
const correct = (db: TriageDatabase, current: TextClassifier, input: TriageInput, to: string) =>
  applyCorrection(db, current, defaultLanes, { subjectId: 'gmail:x', field: 'category', from: current.predict(classifierText(input)).label, to, input });

const warrantyLane = (examples: string[]): Lane => ({
  ...structuredClone(defaultLanes[1]!),
  id: 'warranty',
  name: 'Warranty claims',
  categories: [categorySchema.parse({ id: 'warranty_claim', label: 'Warranty claim', intent: 'claim under warranty', owner: 'Warranty desk', examples })],
});

describe('the local model keeper', () => {
  it('trains on the lanes in force on a first start, saves, and a restarted worker reuses the saved model', async () => {
    const db = new TriageDatabase(`keeper-${Math.random()}`);
    const lanes = { current: defaultLanes };
    const first = keeperOn(db, lanes);
    expect([...(await model(first.keeper)).labels].sort()).toEqual(defaultLanes.flatMap((l) => l.categories.map((c) => c.id)).sort());
    expect(first.trainings).toEqual([13]);

    const restarted = keeperOn(db, lanes);
    await model(restarted.keeper);
    await restarted.keeper.settled();
    expect(restarted.trainings).toEqual([]);
    db.close();
  });

  it('keeps answering with the model it has while the lanes changed, then swaps in one that knows the new category', async () => {
    const db = new TriageDatabase(`keeper-${Math.random()}`);
    const lanes = { current: defaultLanes };
    const { keeper, trainings } = keeperOn(db, lanes);
    const before = await model(keeper);
    lanes.current = [...defaultLanes, warrantyLane(['My kettle stopped working after four months, it is still under warranty.', 'The warranty should cover the broken hinge of the laptop, bought in March.', 'Claim under the two-year guarantee: the pump failed.', 'Our coffee machine broke within the warranty period, please repair or replace it.'])];
    expect(await model(keeper)).toBe(before);
    await keeper.settled();
    const after = await model(keeper);
    expect(after).not.toBe(before);
    expect(trainings).toEqual([13, 14]);
    const classified = await createLocalEngine(after).classify(email('Is the blender still under warranty? The motor died after 8 months.'), lanes.current);
    expect(classified.ok && classified.value.category.value).toBe('warranty_claim');
    expect(classified.ok && classified.value.lane.value).toBe('warranty');
    expect(classified.ok && classified.value.owner.value).toBe('Warranty desk');
    db.close();
  });

  it('learns a new category from reps\' corrections alone: similar but different mail follows after the retraining', async () => {
    const db = new TriageDatabase(`keeper-${Math.random()}`);
    const lanes = { current: [...defaultLanes, warrantyLane([])] };
    const { keeper } = keeperOn(db, lanes);
    const probe = email('Is the blender still covered by the warranty? The motor died after 8 months.');
    expect((await createLocalEngine(await model(keeper)).classify(probe, lanes.current)).ok).toBe(true);
    const corrected = [
      'My kettle stopped working after four months, it is still under warranty, what do I do?',
      'The warranty should cover the broken hinge of the laptop, bought in March.',
      'Claim under the two-year warranty: the pump failed last week.',
      'Our coffee machine broke within the warranty period, please repair or replace it.',
      'Warranty question: the vacuum cleaner battery no longer charges after six months.',
    ];
    for (const [n, text] of corrected.entries()) {
      const result = await applyCorrection(db, await model(keeper), lanes.current, { subjectId: `gmail:w${n}`, field: 'category', from: 'general_question', to: 'warranty_claim', input: email(text) });
      expect(result.learnt).toBe(true);
    }
    await model(keeper);
    await keeper.settled();
    const classified = await createLocalEngine(await model(keeper)).classify(probe, lanes.current);
    expect(classified.ok && classified.value.category.value).toBe('warranty_claim');
    db.close();
  });

  it('removes one correction: out of the training data, forgotten by the model at once, audited without the text', async () => {
    const { db, current } = await starterOn();
    const input = email('Please quote 10 pallets of stainless hinges, delivered to Rotterdam.');
    const before = current.predict(classifierText(input)).label;
    await correct(db, current, input, 'refund_request');
    expect(current.predict(classifierText(input)).label).toBe('refund_request');
    const [row] = await db.examples.toArray();
    const revision = await examplesRevision(db);
    const removed = await removeCorrection(db, current, row!.id!);
    expect(removed).toEqual({ ok: true, value: { forgotten: true } });
    expect(current.predict(classifierText(input)).label).toBe(before);
    expect(await db.examples.count()).toBe(0);
    // A new revision: the keeper retrains without it.
    expect(await examplesRevision(db)).toBeGreaterThan(revision);
    const audit = (await db.audit.toArray()).at(-1)!;
    expect(audit.kind).toBe('correction.removed');
    expect(JSON.stringify(audit)).not.toContain('pallets');
    const again = await removeCorrection(db, current, row!.id!);
    expect(again.ok ? null : again.error.code).toBe('correction_not_found');
    db.close();
  });

  it('keeps one correction per text: the newer replaces the older, so removing it leaves nothing of either behind', async () => {
    const { db, current } = await starterOn();
    const input = email('Please send the pallets back, they arrived broken.');
    await correct(db, current, input, 'refund_request');
    await correct(db, current, input, 'damaged_order');
    const rows = await db.examples.toArray();
    expect(rows.map((r) => r.label)).toEqual(['damaged_order']);
    expect((await removeCorrection(db, current, rows[0]!.id!)).ok).toBe(true);
    expect(await db.examples.count()).toBe(0);
    db.close();
  });

  it('refuses a correction to a category the lanes do not hold, and records it anyway', async () => {
    const { db, current } = await starterOn();
    const result = await correct(db, current, email('Please quote 10 pallets.'), 'made_up');
    expect(result.learnt).toBe(false);
    expect(result.problem?.code).toBe('correction_unknown_category');
    expect(await db.examples.count()).toBe(0);
    expect(await db.feedback.count()).toBe(1);
    db.close();
  });

  it('trains on imported history for the lanes\' categories only, and says why when there is nothing to train on', async () => {
    const db = new TriageDatabase(`keeper-${Math.random()}`);
    const lane = warrantyLane([]);
    const lanes = { current: [lane] };
    const { keeper } = keeperOn(db, lanes);
    const none = await keeper.current();
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error.code).toBe('classifier_too_few_labels');
    lane.categories.push(categorySchema.parse({ id: 'invoice_copy', label: 'Invoice copy', intent: 'get an invoice copy', owner: 'Billing' }));
    await replaceHistory(db, [
      ...['Send me a copy of invoice 114 please', 'I need the PDF of last month\'s invoice', 'Can you resend the March invoice?'].map((text) => ({ text, label: 'invoice_copy' })),
      ...['The toaster broke, still under warranty', 'Warranty repair needed for my phone', 'Is my TV covered by the warranty?'].map((text) => ({ text, label: 'warranty_claim' })),
      { text: 'Seat change for Anna', label: 'seat_change' },
    ]);
    await addCorrectionExample(db, 'Could you email the invoice for order 55 again?', 'invoice_copy');
    const trained = await model(keeper);
    expect([...trained.labels].sort()).toEqual(['invoice_copy', 'warranty_claim']);
    expect(trained.predict('please resend invoice 200').label).toBe('invoice_copy');
    db.close();
  });

  it('retrains when the saved model is damaged, from the stored examples', async () => {
    const db = new TriageDatabase(`keeper-${Math.random()}`);
    await db.blobs.put({ key: 'local-model', value: '{not json', updatedAt: 0 });
    const { keeper, trainings } = keeperOn(db, { current: defaultLanes });
    expect((await keeper.current()).ok).toBe(true);
    expect(trainings).toEqual([13]);
    db.close();
  });
});
