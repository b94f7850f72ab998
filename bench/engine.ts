// Local engine figures: accuracy on a labelled pair (banking77 by default; BENCH_CLASSIFY_TRAIN/TEST for any
// text,category CSVs) through the options import's path, classify latency, and the correction path.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import 'fake-indexeddb/auto';
import { TriageDatabase } from '@/lib/db/database';
import { replaceHistory } from '@/lib/engine/local/examples-store';
import { classifyWith } from '@/lib/engine/local/local-engine';
import { LocalModelKeeper } from '@/lib/engine/local/model-keeper';
import { starterModel } from '@/lib/engine/local/starter-model';
import type { TextClassifier, LabelledText } from '@/lib/engine/local/text-classifier';
import { hash } from '@/lib/engine/local/text-features';
import { applyCorrection } from '@/lib/gmail-lane/background/corrections';
import { historyCategories, withHistoryCategories } from '@/lib/history/history-categories';
import { parseHistoryCsv } from '@/lib/history/history-csv';
import type { HistoryFile } from '@/lib/history/history-file';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import type { Lane } from '@/lib/schemas/lane';
import type { TriageInput } from '@/lib/schemas/triage-input';
import { percentiles, round, type Figure } from './figures';

const root = path.resolve(import.meta.dirname, '..');
const corpus = path.join(root, 'tests/fixtures/corpora/banking77');
const CORRECTIONS = 50;

function loadCsv(file: string): HistoryFile {
  const parsed = parseHistoryCsv(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
  return parsed.value;
}

const labelled = (file: HistoryFile): LabelledText[] => file.examples.map((e) => ({ text: e.text, label: e.category }));

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
  const model = starterModel();
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

/**
 * The order a rep meets misclassified mail in. The test file is grouped by category, so its first 50 errors fall in a
 * handful of categories; a team's corrections arrive mixed. Arrival order is simulated by a hash of the text.
 * Chosen on 5 folds of banking77's train.csv (never test.csv): learning 50 corrections and retraining changed
 * accuracy on the other held-out items by 0, -2, -4, -9, -3 items in file order and +4, +3, -2, 0, +3 in arrival order;
 * with the pair specialists the corrections point at, by +1, -4, -7, -10, -1 and +4, +6, -5, +1, +10.
 */
type CorrectionOrder = 'arrival' | 'file';
const inOrder = (items: LabelledText[], order: CorrectionOrder) => (order === 'file' ? items : [...items].sort((a, b) => hash(a.text) - hash(b.text)));

interface CorrectionRun {
  overall: { accuracy: number; macroF1: number };
  before: number;
  after: number;
  rest: number;
  corrected: number;
  correctionMs: number[];
  retrainMs: number;
  specialists: number;
}

/**
 * The options import's path: the file's categories join a lane that starts with none (so only the file's categories
 * are learnt), the history is stored in IndexedDB (fake-indexeddb here) and the background's keeper trains. Then a rep
 * corrects 50 misclassified test items through the background's correction path, and the keeper retrains; before and
 * after are measured on the remaining test items, so they are compared on the same items.
 */
async function correctionRun(history: HistoryFile, test: LabelledText[], order: CorrectionOrder): Promise<CorrectionRun> {
  const empty: Lane = { ...structuredClone(defaultLanes[0]!), id: 'imported', name: 'Imported history', categories: [] };
  const lanes = withHistoryCategories([empty], historyCategories(history, [empty]), empty.id);
  const db = new TriageDatabase(`bench-engine-${order}-${Date.now()}`);
  await replaceHistory(db, labelled(history));
  const trainings: Array<{ ms: number; specialists: number }> = [];
  const keeper = new LocalModelKeeper(db, async () => lanes, { trained: (f) => trainings.push(f) });
  const current = async (): Promise<TextClassifier> => {
    const m = await keeper.current();
    if (!m.ok) throw new Error(m.error.message);
    return m.value;
  };
  const model = await current();
  const overall = scores(model, test);
  const misclassified = inOrder(test.filter((e) => model.predict(e.text).label !== e.label), order).slice(0, CORRECTIONS);
  const corrected = new Set(misclassified);
  const rest = test.filter((e) => !corrected.has(e));
  const before = scores(model, rest).accuracy;
  // The background's path for one correction (triage.correct): the model remembers it, the example is stored,
  // feedback and audit rows are written. The retraining that follows runs once after a burst of corrections.
  const correctionMs: number[] = [];
  for (const [n, e] of misclassified.entries()) {
    const input: TriageInput = { source: 'gmail', subject: '', messages: [{ from: { name: 'Customer', email: 'c@customer.example' }, date: null, text: e.text }] };
    const start = performance.now();
    await applyCorrection(db, model, lanes, { subjectId: `gmail:bench-${n}`, field: 'category', from: model.predict(e.text).label, to: e.label, input });
    correctionMs.push(performance.now() - start);
  }
  await keeper.save();
  await current();
  await keeper.settled();
  const after = scores(await current(), rest).accuracy;
  db.close();
  return { overall, before, after, rest: rest.length, corrected: misclassified.length, correctionMs, retrainMs: trainings.at(-1)?.ms ?? NaN, specialists: trainings.at(-1)?.specialists ?? 0 };
}

export async function engineFigures(): Promise<Figure[]> {
  const trainFile = process.env.BENCH_CLASSIFY_TRAIN ? path.resolve(process.env.BENCH_CLASSIFY_TRAIN) : path.join(corpus, 'train.csv');
  const testFile = process.env.BENCH_CLASSIFY_TEST ? path.resolve(process.env.BENCH_CLASSIFY_TEST) : path.join(corpus, 'test.csv');
  const history = loadCsv(trainFile);
  const test = labelled(loadCsv(testFile));
  const arrival = await correctionRun(history, test, 'arrival');
  const fileOrder = await correctionRun(history, test, 'file');
  const { overall } = arrival;
  const latency = classifyLatency();
  const categories = new Set(history.examples.map((e) => e.category)).size;
  const on = `${path.relative(root, testFile)} (trained on ${path.relative(root, trainFile)}, ${history.examples.length} rows, ${categories} categories taken from the file)`;

  return [
    { name: 'local_accuracy', value: round(overall.accuracy, 4), unit: `accuracy on ${on}`, target: '>= 0.90' },
    { name: 'local_macro_f1', value: round(overall.macroF1, 4), unit: `macro F1 on ${on}` },
    { name: 'classify_ms_p50', value: round(latency.p50, 3), unit: 'ms, full local classify of one Gmail fixture thread (starter model, Node)' },
    { name: 'classify_ms_p95', value: round(latency.p95, 3), unit: 'ms, full local classify of one Gmail fixture thread (starter model, Node)', target: '< 10' },
    { name: 'correction_ms_p95', value: round(percentiles(arrival.correctionMs).p95, 2), unit: `ms p95 of the background's correction path: remembered by the model, example stored, feedback and audit rows (fake-indexeddb, Node; ${arrival.corrected} corrections)`, target: '< 200' },
    { name: 'retrain_ms', value: round(arrival.retrainMs, 0), unit: `ms, the background retraining after the corrections (time-sliced, in Node; ${history.examples.length + arrival.corrected} examples and ${arrival.specialists} pair specialists); the model in use answers meanwhile` },
    { name: 'local_accuracy_same_items_before', value: round(arrival.before, 4), unit: `accuracy on the ${arrival.rest} test items left after removing the ${arrival.corrected} corrected ones (the first misclassified in arrival order, simulated by a hash of the text), before corrections` },
    {
      name: 'local_accuracy_after_50_corrections',
      value: round(arrival.after, 4),
      unit: `accuracy on the same ${arrival.rest} items after learning the ${arrival.corrected} corrections and retraining, with ${arrival.specialists} pair specialists for the category pairs they point at`,
      // Compared with the same items before the corrections, not with a fixed number.
      target: `> ${round(arrival.before, 4)}`,
    },
    { name: 'local_accuracy_same_items_before_file_order', value: round(fileOrder.before, 4), unit: `as local_accuracy_same_items_before, with the first ${fileOrder.corrected} misclassified items in file order (the file is grouped by category, so they fall in a few categories)` },
    { name: 'local_accuracy_after_50_corrections_file_order', value: round(fileOrder.after, 4), unit: `as local_accuracy_after_50_corrections, corrections in file order, on the same ${fileOrder.rest} items` },
  ];
}
