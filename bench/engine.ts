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

export async function engineFigures(): Promise<Figure[]> {
  const trainFile = process.env.BENCH_CLASSIFY_TRAIN ? path.resolve(process.env.BENCH_CLASSIFY_TRAIN) : path.join(corpus, 'train.csv');
  const testFile = process.env.BENCH_CLASSIFY_TEST ? path.resolve(process.env.BENCH_CLASSIFY_TEST) : path.join(corpus, 'test.csv');
  const history = loadCsv(trainFile);
  const test = labelled(loadCsv(testFile));

  // The options import's path: the file's categories join a lane that starts with none (so only the file's
  // categories are learnt), the history is stored in IndexedDB (fake-indexeddb here) and the background's keeper trains.
  const empty: Lane = { ...structuredClone(defaultLanes[0]!), id: 'imported', name: 'Imported history', categories: [] };
  const lanes = withHistoryCategories([empty], historyCategories(history, [empty]), empty.id);
  const db = new TriageDatabase(`bench-engine-${Date.now()}`);
  await replaceHistory(db, labelled(history));
  const trainings: number[] = [];
  const keeper = new LocalModelKeeper(db, async () => lanes, { trained: (f) => trainings.push(f.ms) });
  const current = async (): Promise<TextClassifier> => {
    const m = await keeper.current();
    if (!m.ok) throw new Error(m.error.message);
    return m.value;
  };
  const model = await current();
  const overall = scores(model, test);

  // A rep corrects the first 50 misclassified test items (in file order); both figures below are measured on the
  // remaining test items, so before and after are compared on the same items.
  const misclassified = test.filter((e) => model.predict(e.text).label !== e.label).slice(0, CORRECTIONS);
  const corrected = new Set(misclassified);
  const rest = test.filter((e) => !corrected.has(e));
  const before = scores(model, rest);
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
  const after = scores(await current(), rest);
  db.close();
  const latency = classifyLatency();
  const on = `${path.relative(root, testFile)} (trained on ${path.relative(root, trainFile)}, ${history.examples.length} rows, ${lanes[0]!.categories.length} categories taken from the file)`;

  return [
    { name: 'local_accuracy', value: round(overall.accuracy, 4), unit: `accuracy on ${on}`, target: '>= 0.90' },
    { name: 'local_macro_f1', value: round(overall.macroF1, 4), unit: `macro F1 on ${on}` },
    { name: 'classify_ms_p50', value: round(latency.p50, 3), unit: 'ms, full local classify of one Gmail fixture thread (starter model, Node)' },
    { name: 'classify_ms_p95', value: round(latency.p95, 3), unit: 'ms, full local classify of one Gmail fixture thread (starter model, Node)', target: '< 10' },
    { name: 'correction_ms_p95', value: round(percentiles(correctionMs).p95, 2), unit: `ms p95 of the background's correction path: remembered by the model, example stored, feedback and audit rows (fake-indexeddb, Node; ${misclassified.length} corrections)`, target: '< 200' },
    { name: 'retrain_ms', value: round(trainings.at(-1) ?? NaN, 0), unit: `ms, the background retraining after the corrections (time-sliced, in Node; ${history.examples.length + misclassified.length} examples); the model in use answers meanwhile` },
    { name: 'local_accuracy_same_items_before', value: round(before.accuracy, 4), unit: `accuracy on the ${rest.length} test items left after removing the ${misclassified.length} corrected ones, before corrections` },
    {
      name: 'local_accuracy_after_50_corrections',
      value: round(after.accuracy, 4),
      unit: `accuracy on the same ${rest.length} items after learning the first ${misclassified.length} misclassified test items and retraining`,
      // Compared with the same items before the corrections, not with a fixed number.
      target: `> ${round(before.accuracy, 4)}`,
    },
  ];
}
