// Local engine figures: accuracy on banking77 (train.csv only for training), classify latency, correction cost.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseLabelledCsv } from '@/lib/engine/local/labelled-csv';
import { classifyWith } from '@/lib/engine/local/local-engine';
import { shippedModel } from '@/lib/engine/local/shipped-model';
import { TextClassifier, type LabelledText } from '@/lib/engine/local/text-classifier';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import type { TriageInput } from '@/lib/schemas/triage-input';
import 'fake-indexeddb/auto';
import { TriageDatabase } from '@/lib/db/database';
import { applyCorrection } from '@/lib/gmail-lane/background/corrections';
import { saveLocalModel } from '@/lib/engine/local/model-store';
import { percentiles, round, type Figure } from './figures';

const root = path.resolve(import.meta.dirname, '..');
const corpus = path.join(root, 'tests/fixtures/corpora/banking77');
const CORRECTIONS = 50;

function loadCsv(file: string): LabelledText[] {
  const parsed = parseLabelledCsv(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
  return parsed.value;
}

function scores(model: TextClassifier, items: LabelledText[]): { accuracy: number; macroF1: number } {
  const labels = [...new Set(items.map((e) => e.label))];
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let correct = 0;
  for (const e of items) {
    const got = model.predict(e.text).label;
    if (got === e.label) {
      correct++;
      bump(tp, e.label);
    } else {
      bump(fp, got);
      bump(fn, e.label);
    }
  }
  const f1 = labels.map((l) => {
    const t = tp.get(l) ?? 0;
    const denominator = 2 * t + (fp.get(l) ?? 0) + (fn.get(l) ?? 0);
    return denominator === 0 ? 0 : (2 * t) / denominator;
  });
  return { accuracy: correct / items.length, macroF1: f1.reduce((a, b) => a + b, 0) / f1.length };
}

/** The Gmail fixture threads as the engine reads them (expanded messages' text). */
function fixtureThreads(): TriageInput[] {
  const dir = path.join(root, 'tests/fixtures/gmail');
  const threads: TriageInput[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.truth.json'))) {
    const truth = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
      subject?: string;
      messages?: Array<{ from: { name: string; email: string }; date: string | null; bodyText?: string }>;
    };
    if (!truth.subject || !truth.messages) continue;
    threads.push({ source: 'gmail', subject: truth.subject, messages: truth.messages.map((m) => ({ from: m.from, date: m.date, text: m.bodyText ?? '' })) });
  }
  return threads;
}

function classifyLatency(): { p50: number; p95: number } {
  const model = shippedModel();
  const threads = fixtureThreads();
  for (const t of threads) classifyWith(model, t, defaultLanes); // warm up the JIT
  const samples: number[] = [];
  for (let round = 0; round < 30; round++) {
    for (const t of threads) {
      const start = performance.now();
      const result = classifyWith(model, t, defaultLanes);
      samples.push(performance.now() - start);
      if (!result.ok) throw new Error(result.error.message);
    }
  }
  return percentiles(samples);
}

export async function engineFigures(): Promise<Figure[]> {
  const train = loadCsv(path.join(corpus, 'train.csv'));
  const testFile = process.env.BENCH_CLASSIFY_TEST ? path.resolve(process.env.BENCH_CLASSIFY_TEST) : path.join(corpus, 'test.csv');
  const test = loadCsv(testFile);
  const trained = TextClassifier.train(train);
  if (!trained.ok) throw new Error(trained.error.message);
  const model = trained.value;
  const overall = scores(model, test);

  // A rep corrects the first 50 misclassified test items (in file order); both figures below are
  // measured on the remaining test items, so before and after are compared on the same items.
  const misclassified = test.filter((e) => model.predict(e.text).label !== e.label).slice(0, CORRECTIONS);
  const corrected = new Set(misclassified);
  const rest = test.filter((e) => !corrected.has(e));
  const before = scores(model, rest);
  // The background's path for one correction: learn it, record feedback and audit, and save the model to
  // IndexedDB (fake-indexeddb here), as triage.correct does. Saved after every correction, the worst case.
  const db = new TriageDatabase(`bench-retrain-${Date.now()}`);
  const retrainMs: number[] = [];
  for (const [n, e] of misclassified.entries()) {
    const input: TriageInput = { source: 'gmail', subject: '', messages: [{ from: { name: 'Customer', email: 'c@customer.example' }, date: null, text: e.text }] };
    const start = performance.now();
    await applyCorrection(db, model, { subjectId: `gmail:bench-${n}`, field: 'category', from: model.predict(e.text).label, to: e.label, input });
    await saveLocalModel(db, model);
    retrainMs.push(performance.now() - start);
  }
  db.close();
  const after = scores(model, rest);
  const latency = classifyLatency();
  const testName = path.relative(root, testFile);

  return [
    { name: 'local_accuracy', value: round(overall.accuracy, 4), unit: `accuracy on ${testName} (trained on banking77 train.csv)`, target: '>= 0.85' },
    { name: 'local_macro_f1', value: round(overall.macroF1, 4), unit: `macro F1 on ${testName}` },
    { name: 'classify_ms_p50', value: round(latency.p50, 3), unit: 'ms, full local classify of one Gmail fixture thread' },
    { name: 'classify_ms_p95', value: round(latency.p95, 3), unit: 'ms, full local classify of one Gmail fixture thread', target: '< 10' },
    { name: 'retrain_ms', value: round(percentiles(retrainMs).p95, 2), unit: `ms p95 of the background's correction path: learn, feedback and audit rows, model saved to IndexedDB (fake-indexeddb, Node; ${misclassified.length} corrections of banking77 test items)`, target: '< 200' },
    { name: 'local_accuracy_same_items_before', value: round(before.accuracy, 4), unit: `accuracy on the ${rest.length} test items left after removing the ${misclassified.length} corrected ones, before corrections` },
    {
      name: 'local_accuracy_after_50_corrections',
      value: round(after.accuracy, 4),
      unit: `accuracy on the same ${rest.length} items after learning the first ${misclassified.length} misclassified test items`,
      // Compared with the same items before the corrections, not with a fixed number.
      target: `> ${round(before.accuracy, 4)}`,
    },
  ];
}
