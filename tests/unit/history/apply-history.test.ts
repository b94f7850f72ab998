import { describe, expect, it } from 'vitest';
import { TriageDatabase } from '@/lib/db/database';
import { applyHistory } from '@/lib/history/apply-history';
import { crossValidate, type CrossValidation } from '@/lib/history/cross-validate';
import { parseHistoryCsv } from '@/lib/history/history-csv';
import { loadLanes } from '@/lib/lanes/lane-store';
import { findCategory } from '@/lib/lanes/taxonomy';

const csv = [
  'text,category,lane',
  ...['Can you send me a copy of invoice 4411?', 'I need the PDF of the March invoice for our accountant', 'Please resend last month\'s invoice', 'Where can I download invoice copies?'].map((t) => `"${t}",Invoice copy,support-replies`),
  ...['We need to add three seats for new hires', 'Please remove two seats from our plan', 'Change our seat count to 25 from next month'].map((t) => `"${t}",Seat change,`),
  '"Refund please, we cancelled",refund_request,',
].join('\n');

describe('applying imported history', () => {
  it('adds the new categories to the lane the file names (else the one chosen), versions the lanes and stores the examples', async () => {
    const db = new TriageDatabase(`history-${Math.random()}`);
    const file = parseHistoryCsv(csv);
    if (!file.ok) throw new Error(file.error.message);
    const applied = await applyHistory(db, file.value, 'shared-inbox-triage');
    expect(applied).toEqual({ ok: true, value: { stored: 8, categories: 3, added: 2 } });
    const lanes = await loadLanes(db);
    expect(findCategory(lanes, 'invoice_copy')?.lane.id).toBe('support-replies');
    expect(findCategory(lanes, 'seat_change')?.lane.id).toBe('shared-inbox-triage');
    expect(findCategory(lanes, 'seat_change')?.category.label).toBe('Seat change');
    expect(await db.laneVersions.count()).toBe(1);
    expect(await db.examples.where('source').equals('history').count()).toBe(8);
    const audit = await db.audit.toArray();
    expect(audit.map((a) => a.kind)).toEqual(['lanes.changed', 'history.imported']);
    db.close();
  });

  it('stores only the examples of categories the lanes hold when the admin adds none, and replaces the earlier history', async () => {
    const db = new TriageDatabase(`history-${Math.random()}`);
    const file = parseHistoryCsv(csv);
    if (!file.ok) throw new Error(file.error.message);
    await applyHistory(db, file.value, 'shared-inbox-triage');
    const again = await applyHistory(db, file.value, null);
    expect(again.ok && again.value).toEqual({ stored: 8, categories: 3, added: 0 });
    expect(await db.examples.count()).toBe(8);
    const fresh = new TriageDatabase(`history-${Math.random()}`);
    const only = await applyHistory(fresh, file.value, null);
    expect(only.ok && only.value).toEqual({ stored: 1, categories: 1, added: 0 });
    db.close();
    fresh.close();
  });
});

describe('cross-validation of a history', () => {
  it('estimates accuracy by stratified folds and names the pairs it confuses', () => {
    const examples = [
      ...Array.from({ length: 12 }, (_, i) => ({ text: `please send a copy of invoice ${i} as pdf`, label: 'invoice_copy' })),
      ...Array.from({ length: 12 }, (_, i) => ({ text: `add ${i} more seats to our workspace plan`, label: 'seat_change' })),
      ...Array.from({ length: 12 }, (_, i) => ({ text: i % 2 ? `the invoice shows the wrong seats ${i}` : `seat count on invoice ${i} is wrong`, label: 'billing_dispute' })),
    ];
    const steps = crossValidate(examples);
    let step = steps.next();
    let progress = 0;
    while (!step.done) {
      progress++;
      step = steps.next();
    }
    const result = step.value as CrossValidation;
    expect(progress).toBe(5);
    expect(result.folds).toBe(5);
    expect(result.examples).toBe(36);
    expect(result.accuracy).toBeGreaterThan(0.6);
    expect(result.perCategory.find((c) => c.category === 'invoice_copy')?.recall).toBeGreaterThan(0.8);
    for (const pair of result.confused) expect(pair.actual).not.toBe(pair.predicted);
    expect(crossValidate([{ text: 'x', label: 'a' }]).next()).toEqual({ done: true, value: null });
  });
});
