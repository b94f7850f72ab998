import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { featurize, hash, type SparseVector } from './text-features';

/**
 * Multinomial logistic regression (softmax) over hashed word and character n-grams, trained with AdaGrad and averaged
 * over a few runs, plus a memory of the corrections reps made. A correction is not learnt into the weights in place:
 * on banking77, every online update tried (SGD with replay, passive-aggressive, bias-only) cost accuracy on the items
 * nobody corrected. Instead the corrected text is remembered, so a text very like it takes that label at once, and
 * it joins the training data of the background's next retraining, which also trains a specialist for each pair of
 * categories the corrections show the model confuses (pair-specialists.ts). Counting a correction three times in that
 * retraining was tried too: against counting it once, +6 held-out items over 5 development folds of banking77's
 * train.csv and -4 on its test.csv: noise, so not kept. GloVe word vectors (SIF-averaged, beside the n-grams) raised
 * accuracy about 0.6% on development folds but made corrections cost held-out items on all five (-14 in all), so the
 * features stay lexical. Averaging seven runs instead of three, to steady what a retraining changes, did worse on the
 * same folds (-7 items in all against +8).
 */

export interface LabelledText {
  text: string;
  label: string;
}

export interface Prediction {
  label: string;
  /** Softmax probability of the label. */
  confidence: number;
  /** Softmax probability of every label. */
  scores: Record<string, number>;
}

export interface TrainOptions {
  /** The feature space has 2^bits buckets. */
  bits?: number;
  epochs?: number;
  learningRate?: number;
  /**
   * How many corrections are remembered; the oldest is forgotten first. Every classification compares the text
   * with each one: with 1,000 corrections of 150-word threads that is about 2 ms, with 5,000 about 10 ms.
   */
  memoryCapacity?: number;
  seed?: number;
  /**
   * Runs averaged into the model, each with its own example order. The average of linear models is one linear model,
   * so classifying costs the same; training costs this many times more. Chosen on a development split (3-fold
   * cross-validation of banking77's train.csv, never its test.csv): 1 run 0.8833, 3 runs 0.8928.
   */
  ensemble?: number;
}

const DEFAULTS = { bits: 16, epochs: 8, learningRate: 0.4, memoryCapacity: 1000, seed: 7, ensemble: 3 } satisfies Required<TrainOptions>;
/**
 * A remembered correction starts to count above this cosine similarity, and its weight grows as the cube of
 * how far above it is, up to MEMORY_WEIGHT for the corrected text itself. Calibrated on held-out banking77
 * train items (5 folds of every 5th item, 50 and 200 corrections each): this is the most permissive setting
 * that changed no held-out prediction other than the corrected ones; a lower threshold or a square instead
 * of a cube changed some, and every such change was wrong. Letting a correction decide only where the model makes
 * the same mistake (its label is the corrected one, the right one in its top 2) was no better: -39 held-out items at
 * similarity 0.5 over the same 5 folds, -312 at 0.3. A near-copy of a corrected text (similarity
 * about 0.85 or more) follows the correction unless the model is very sure; a looser paraphrase (about 0.75)
 * follows it only where the model was unsure.
 */
const MEMORY_THRESHOLD = 0.5;
const MEMORY_POWER = 3;
/** Above 0.5, so a corrected text always gets its corrected label back. */
const MEMORY_WEIGHT = 0.9;
/** Two texts this similar are the same text: a new correction replaces the old one. */
const SAME_TEXT = 0.999;
/**
 * Where the model's top two categories are this close in probability and a pair specialist knows the two, the
 * specialist splits their probability between them. Chosen on 5 development folds of banking77's train.csv (50
 * corrections each; test.csv not used): 0.3 gained held-out items in all in every specialist size tried.
 */
const TORN_MARGIN = 0.3;

/** The key of an unordered pair of labels. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/**
 * The order of one epoch: each example sorted by a hash of its text, its label, the epoch and the seed. Unlike a
 * shuffle of positions, adding a few examples (a rep's corrections) leaves the others in the same order, so a
 * retrained model differs from the last by what the new examples teach rather than by a new random path.
 */
function epochOrder(examples: readonly LabelledText[], epoch: number, seed: number): number[] {
  const keys = examples.map((e, i) => ({ i, key: hash(`${seed}:${epoch}:${e.label}:${e.text}`), text: e.text }));
  // Equal keys are the same text and label: their order changes nothing.
  keys.sort((a, b) => a.key - b.key || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return keys.map((k) => k.i);
}

const weightsShape = {
  format: z.literal('calm-triage/text-classifier'),
  bits: z.number().int().min(8).max(24),
  labels: z.array(z.string().min(1)).min(1),
  bias: z.array(z.number()),
  /** base64 of the Uint32 bucket indexes that hold weights. */
  buckets: z.string(),
  /** base64 of the Float32 weights, bucket-major: weights[b * labels + k]. */
  weights: z.string(),
};
/** Version 1 learnt corrections into its weights and kept a replay sample; it is read with an empty memory. */
const serializedV1Schema = z.object({
  ...weightsShape,
  version: z.literal(1),
  replay: z.array(z.tuple([z.string(), z.string()])),
  replayCapacity: z.number().int().nonnegative(),
  seed: z.number().int(),
});
const serializedV2Schema = z.object({
  ...weightsShape,
  version: z.literal(2),
  /** The remembered corrections as [text, label], oldest first. */
  corrections: z.array(z.tuple([z.string(), z.string().min(1)])),
  memoryCapacity: z.number().int().nonnegative(),
});
/** Version 3 keeps each correction as its hashed feature vector, not the thread's text. */
const serializedV3Base = z.object({
  ...weightsShape,
  version: z.literal(3),
  /** Oldest first; indexes and values are base64 of Uint32 and Float32 arrays of equal length. */
  corrections: z.array(z.object({ label: z.string().min(1), indexes: z.string(), values: z.string() })),
  memoryCapacity: z.number().int().nonnegative(),
});
const serializedV3Schema = serializedV3Base.extend({
  /** The pair specialists (see pair-specialists.ts), each a two-label model of its own; absent before they existed. */
  specialists: z.array(z.object({ pair: z.tuple([z.string(), z.string()]), model: serializedV3Base })).optional(),
});
const serializedSchema = z.discriminatedUnion('version', [serializedV1Schema, serializedV2Schema, serializedV3Schema]);
export type SerializedClassifier = z.infer<typeof serializedV3Schema>;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

interface Correction {
  label: string;
  vector: SparseVector;
}

export class TextClassifier {
  private labelList: string[];
  /** Bucket-major weights: weights[bucket * labels + k]. */
  private weights: Float32Array;
  private bias: Float32Array;
  /** The corrections reps made, oldest first, at most memoryCapacity of them. */
  private memory: Correction[] = [];
  /** A dense copy of the text being classified, so its similarity to every correction is one pass over theirs. */
  private scratch: Float32Array | null = null;
  /** Two-label models for the pairs reps' corrections showed the model confuses, by pairKey. */
  private specialists: ReadonlyMap<string, TextClassifier> = new Map();

  private constructor(
    private readonly bits: number,
    labels: string[],
    private readonly memoryCapacity: number,
  ) {
    this.labelList = [...labels];
    this.weights = new Float32Array((1 << bits) * labels.length);
    this.bias = new Float32Array(labels.length);
  }

  get labels(): readonly string[] {
    return this.labelList;
  }

  /** Trains a new model; needs at least two labels. */
  static train(examples: readonly LabelledText[], options: TrainOptions = {}): Result<TextClassifier> {
    const steps = TextClassifier.training(examples, options);
    let step = steps.next();
    while (!step.done) step = steps.next();
    return step.value;
  }

  /**
   * The same training, giving the event loop back every sliceMs so a service worker keeps answering
   * while it trains (Chrome gives service workers no Worker to train in).
   */
  static async trainInSlices(examples: readonly LabelledText[], options: TrainOptions & { sliceMs?: number } = {}): Promise<Result<TextClassifier>> {
    const sliceMs = options.sliceMs ?? 20;
    const steps = TextClassifier.training(examples, options);
    let sliceStart = performance.now();
    let step = steps.next();
    while (!step.done) {
      if (performance.now() - sliceStart >= sliceMs) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        sliceStart = performance.now();
      }
      step = steps.next();
    }
    return step.value;
  }

  /** Training as steps: it yields after every 32 examples, so a caller can pause between them. */
  private static *training(examples: readonly LabelledText[], options: TrainOptions): Generator<void, Result<TextClassifier>> {
    const o = { ...DEFAULTS, ...options };
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    if (labels.length < 2) {
      return fail('classifier_too_few_labels', 'The classifier needs examples of at least two categories.', 'Add labelled examples for more categories and train again.');
    }
    const model = new TextClassifier(o.bits, labels, o.memoryCapacity);
    const data: Array<{ x: SparseVector; y: number }> = [];
    for (const e of examples) {
      data.push({ x: featurize(e.text, o.bits), y: labels.indexOf(e.label) });
      if (data.length % 32 === 0) yield;
    }
    const K = labels.length;
    const runs = o.ensemble;
    const sumW = runs > 1 ? new Float32Array(model.weights.length) : null;
    const sumB = runs > 1 ? new Float32Array(K) : null;
    for (let run = 0; run < runs; run++) {
      if (run > 0) {
        model.weights.fill(0);
        model.bias.fill(0);
      }
      const squaredW = new Float32Array(model.weights.length);
      const squaredB = new Float32Array(K);
      const p = new Float64Array(K);
      for (let epoch = 0; epoch < o.epochs; epoch++) {
        let done = 0;
        // Each run its own order: a different prime step of the seed.
        for (const i of epochOrder(examples, epoch, o.seed + run * 7919)) {
          const { x, y } = data[i]!;
          model.probabilities(x, p);
          for (let k = 0; k < K; k++) {
            const g = p[k]! - (k === y ? 1 : 0);
            if (Math.abs(g) < 1e-4) continue;
            squaredB[k]! += g * g;
            model.bias[k]! -= (o.learningRate * g) / Math.sqrt(squaredB[k]! + 1e-8);
            for (let j = 0; j < x.indexes.length; j++) {
              const at = x.indexes[j]! * K + k;
              const gw = g * x.values[j]!;
              squaredW[at]! += gw * gw;
              model.weights[at]! -= (o.learningRate * gw) / Math.sqrt(squaredW[at]! + 1e-8);
            }
          }
          if (++done % 32 === 0) yield;
        }
      }
      if (sumW && sumB) {
        for (let i = 0; i < sumW.length; i++) sumW[i]! += model.weights[i]!;
        for (let k = 0; k < K; k++) sumB[k]! += model.bias[k]!;
      }
    }
    if (sumW && sumB) {
      for (let i = 0; i < sumW.length; i++) model.weights[i] = sumW[i]! / runs;
      for (let k = 0; k < K; k++) model.bias[k] = sumB[k]! / runs;
    }
    return ok(model);
  }

  /** Takes over another model's remembered corrections (after retraining), keeping those whose label still exists. */
  adoptMemory(from: TextClassifier): void {
    if (from.bits !== this.bits || this.memoryCapacity === 0) return;
    this.memory = from.memory.filter((c) => this.labelList.includes(c.label)).slice(-this.memoryCapacity);
  }

  /** Hands the model its pair specialists (trained with it: they know its labels). */
  setSpecialists(specialists: ReadonlyMap<string, TextClassifier>): void {
    this.specialists = specialists;
  }

  get specialistCount(): number {
    return this.specialists.size;
  }

  /**
   * The linear model's probabilities, the split between its top two left to their pair specialist when the model is
   * torn between them, then blended with the label of the most similar remembered correction.
   */
  predict(text: string): Prediction {
    const K = this.labelList.length;
    const p = new Float64Array(K);
    const x = featurize(text, this.bits);
    this.probabilities(x, p);
    if (this.specialists.size > 0) this.deferToSpecialist(text, p);
    const nearest = this.nearestCorrection(x);
    if (nearest && nearest.similarity > MEMORY_THRESHOLD) {
      const weight = MEMORY_WEIGHT * ((nearest.similarity - MEMORY_THRESHOLD) / (1 - MEMORY_THRESHOLD)) ** MEMORY_POWER;
      const y = this.labelList.indexOf(nearest.correction.label);
      for (let k = 0; k < K; k++) p[k] = (1 - weight) * p[k]! + (k === y ? weight : 0);
    }
    let best = 0;
    const scores: Record<string, number> = {};
    for (let k = 0; k < K; k++) {
      scores[this.labelList[k]!] = p[k]!;
      if (p[k]! > p[best]!) best = k;
    }
    return { label: this.labelList[best]!, confidence: p[best]!, scores };
  }

  /**
   * Remembers one correction; a new label becomes a new class. A correction of the same text replaces the
   * earlier one, and once the memory is full the oldest correction is forgotten.
   */
  learn(text: string, label: string): void {
    if (!this.labelList.includes(label)) this.addLabel(label);
    if (this.memoryCapacity === 0) return;
    const vector = featurize(text, this.bits);
    const same = this.nearestCorrection(vector);
    if (same && same.similarity >= SAME_TEXT) this.memory.splice(this.memory.indexOf(same.correction), 1);
    this.memory.push({ label, vector });
    if (this.memory.length > this.memoryCapacity) this.memory.splice(0, this.memory.length - this.memoryCapacity);
  }

  /** Forgets the remembered correction of this text to this label, if any; whether one was forgotten. */
  forget(text: string, label: string): boolean {
    const vector = featurize(text, this.bits);
    const same = this.nearestCorrection(vector, label);
    if (!same || same.similarity < SAME_TEXT) return false;
    this.memory.splice(this.memory.indexOf(same.correction), 1);
    return true;
  }

  toJSON(): SerializedClassifier {
    const K = this.labelList.length;
    const used: number[] = [];
    for (let b = 0; b < 1 << this.bits; b++) {
      for (let k = 0; k < K; k++) {
        if (this.weights[b * K + k] !== 0) {
          used.push(b);
          break;
        }
      }
    }
    const packed = new Float32Array(used.length * K);
    used.forEach((b, i) => packed.set(this.weights.subarray(b * K, b * K + K), i * K));
    return {
      format: 'calm-triage/text-classifier',
      version: 3,
      bits: this.bits,
      labels: [...this.labelList],
      bias: Array.from(this.bias),
      buckets: toBase64(new Uint8Array(Uint32Array.from(used).buffer)),
      weights: toBase64(new Uint8Array(packed.buffer)),
      // The thread's text is not kept: only the hashed features the similarity needs.
      corrections: this.memory.map((c) => ({
        label: c.label,
        indexes: toBase64(new Uint8Array(c.vector.indexes.buffer, c.vector.indexes.byteOffset, c.vector.indexes.byteLength)),
        values: toBase64(new Uint8Array(c.vector.values.buffer, c.vector.values.byteOffset, c.vector.values.byteLength)),
      })),
      memoryCapacity: this.memoryCapacity,
      ...(this.specialists.size > 0 ? { specialists: [...this.specialists.values()].map((m) => ({ pair: [m.labelList[0]!, m.labelList[1]!] as [string, string], model: m.toJSON() })) } : {}),
    };
  }

  /** Reads a saved model; a version 1 model (corrections learnt into its weights) is read with an empty memory. */
  static fromJSON(json: unknown): Result<TextClassifier> {
    const parsed = serializedSchema.safeParse(json);
    const unreadable = () =>
      fail('classifier_unreadable', 'The saved local model could not be read.', 'It is reset to the shipped model when the extension next starts; corrections taught since then are lost.');
    if (!parsed.success) return unreadable();
    const s = parsed.data;
    const K = s.labels.length;
    const bucketBytes = fromBase64(s.buckets);
    const weightBytes = fromBase64(s.weights);
    if (s.bias.length !== K || bucketBytes.length % 4 !== 0 || weightBytes.length !== (bucketBytes.length / 4) * K * 4) return unreadable();
    const buckets = new Uint32Array(bucketBytes.buffer, bucketBytes.byteOffset, bucketBytes.length / 4);
    const packed = new Float32Array(weightBytes.buffer, weightBytes.byteOffset, weightBytes.length / 4);
    const model = new TextClassifier(s.bits, s.labels, s.version === 1 ? DEFAULTS.memoryCapacity : s.memoryCapacity);
    for (let i = 0; i < buckets.length; i++) {
      const b = buckets[i]!;
      if (b >= 1 << s.bits) return unreadable();
      model.weights.set(packed.subarray(i * K, i * K + K), b * K);
    }
    model.bias.set(s.bias);
    const keep = <T>(list: T[]) => (model.memoryCapacity === 0 ? [] : list.slice(-model.memoryCapacity));
    if (s.version === 2) {
      if (s.corrections.some(([, label]) => !s.labels.includes(label))) return unreadable();
      model.memory = keep(s.corrections).map(([text, label]) => ({ label, vector: featurize(text, s.bits) }));
    }
    if (s.version === 3) {
      const memory: Correction[] = [];
      for (const c of keep(s.corrections)) {
        const indexBytes = fromBase64(c.indexes);
        const valueBytes = fromBase64(c.values);
        if (!s.labels.includes(c.label) || indexBytes.length % 4 !== 0 || indexBytes.length !== valueBytes.length) return unreadable();
        const indexes = new Uint32Array(indexBytes.buffer, indexBytes.byteOffset, indexBytes.length / 4);
        if (indexes.some((i) => i >= 1 << s.bits)) return unreadable();
        memory.push({ label: c.label, vector: { indexes, values: new Float32Array(valueBytes.buffer, valueBytes.byteOffset, valueBytes.length / 4) } });
      }
      model.memory = memory;
      const specialists = new Map<string, TextClassifier>();
      for (const { pair, model: saved } of s.specialists ?? []) {
        const specialist = TextClassifier.fromJSON(saved);
        const [a, b] = pair;
        const labels = specialist.ok ? specialist.value.labelList : [];
        if (!specialist.ok || !s.labels.includes(a) || !s.labels.includes(b) || labels.length !== 2 || pairKey(labels[0]!, labels[1]!) !== pairKey(a, b)) return unreadable();
        specialists.set(pairKey(a, b), specialist.value);
      }
      model.specialists = specialists;
    }
    return ok(model);
  }

  /** Softmax over the class scores of x, written into p. */
  private probabilities(x: SparseVector, p: Float64Array): void {
    const K = this.labelList.length;
    for (let k = 0; k < K; k++) p[k] = this.bias[k]!;
    for (let j = 0; j < x.indexes.length; j++) {
      const base = x.indexes[j]! * K;
      const v = x.values[j]!;
      for (let k = 0; k < K; k++) p[k]! += this.weights[base + k]! * v;
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, p[k]!);
    let sum = 0;
    for (let k = 0; k < K; k++) {
      p[k] = Math.exp(p[k]! - max);
      sum += p[k]!;
    }
    for (let k = 0; k < K; k++) p[k]! /= sum;
  }

  private deferToSpecialist(text: string, p: Float64Array): void {
    let first = 0;
    let second = -1;
    for (let k = 1; k < p.length; k++) {
      if (p[k]! > p[first]!) [first, second] = [k, first];
      else if (second < 0 || p[k]! > p[second]!) second = k;
    }
    if (second < 0 || p[first]! - p[second]! >= TORN_MARGIN) return;
    const a = this.labelList[first]!;
    const b = this.labelList[second]!;
    const specialist = this.specialists.get(pairKey(a, b));
    if (!specialist) return;
    const split = specialist.predict(text).scores;
    const mass = p[first]! + p[second]!;
    p[first] = mass * (split[a] ?? 0);
    p[second] = mass * (split[b] ?? 0);
  }

  /**
   * The remembered correction most similar to x (cosine: both vectors are L2-normalised), of one label when given;
   * the newest wins a tie.
   */
  private nearestCorrection(x: SparseVector, label?: string): { correction: Correction; similarity: number } | null {
    if (this.memory.length === 0) return null;
    const dense = (this.scratch ??= new Float32Array(1 << this.bits));
    for (let j = 0; j < x.indexes.length; j++) dense[x.indexes[j]!] = x.values[j]!;
    let best: { correction: Correction; similarity: number } | null = null;
    for (const correction of this.memory) {
      if (label !== undefined && correction.label !== label) continue;
      const { indexes, values } = correction.vector;
      let similarity = 0;
      for (let j = 0; j < indexes.length; j++) similarity += dense[indexes[j]!]! * values[j]!;
      if (!best || similarity >= best.similarity) best = { correction, similarity };
    }
    for (let j = 0; j < x.indexes.length; j++) dense[x.indexes[j]!] = 0;
    return best;
  }

  private addLabel(label: string): void {
    const K = this.labelList.length;
    const grown = new Float32Array((1 << this.bits) * (K + 1));
    for (let b = 0; b < 1 << this.bits; b++) grown.set(this.weights.subarray(b * K, b * K + K), b * (K + 1));
    const bias = new Float32Array(K + 1);
    bias.set(this.bias);
    // A new class starts at the average bias with no weights: only the memory of its corrections gives it texts.
    bias[K] = this.bias.reduce((a, b) => a + b, 0) / K;
    this.weights = grown;
    this.bias = bias;
    this.labelList.push(label);
  }
}
