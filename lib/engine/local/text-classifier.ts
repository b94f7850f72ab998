import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { featurize, type SparseVector } from './text-features';

/**
 * Multinomial logistic regression (softmax) over hashed word and character n-grams,
 * trained with AdaGrad; corrections are learnt with a few plain SGD steps plus a replay sample
 * so one correction takes milliseconds and does not wipe out what was learnt before.
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
  /** How many training examples are kept for replay when learning a correction. */
  replayCapacity?: number;
  seed?: number;
}

const DEFAULTS = { bits: 16, epochs: 8, learningRate: 0.4, replayCapacity: 2000, seed: 7 } satisfies Required<TrainOptions>;
/** Step size of the SGD used for corrections. */
const CORRECTION_RATE = 0.1;
/** An upper bound: learning stops once the corrected text is classified as corrected. */
const CORRECTION_PASSES = 30;
/** How sure the model must be of a corrected text before learning stops, so near-paraphrases follow it. */
const CORRECTION_CONFIDENCE = 0.5;
const REPLAY_PER_PASS = 12;

/** Deterministic pseudo-random numbers, so a trained model and a benchmark are reproducible. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const serializedSchema = z.object({
  format: z.literal('calm-triage/text-classifier'),
  version: z.literal(1),
  bits: z.number().int().min(8).max(24),
  labels: z.array(z.string().min(1)).min(1),
  bias: z.array(z.number()),
  /** base64 of the Uint32 bucket indexes that hold weights. */
  buckets: z.string(),
  /** base64 of the Float32 weights, bucket-major: weights[b * labels + k]. */
  weights: z.string(),
  replay: z.array(z.tuple([z.string(), z.string()])),
  replayCapacity: z.number().int().nonnegative(),
  seed: z.number().int(),
});
export type SerializedClassifier = z.infer<typeof serializedSchema>;

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

export class TextClassifier {
  private labelList: string[];
  /** Bucket-major weights: weights[bucket * labels + k]. */
  private weights: Float32Array;
  private bias: Float32Array;
  private replay: LabelledText[];
  private readonly random: () => number;

  private constructor(
    private readonly bits: number,
    labels: string[],
    private readonly replayCapacity: number,
    private readonly seed: number,
  ) {
    this.labelList = [...labels];
    this.weights = new Float32Array((1 << bits) * labels.length);
    this.bias = new Float32Array(labels.length);
    this.replay = [];
    this.random = seededRandom(seed);
  }

  get labels(): readonly string[] {
    return this.labelList;
  }

  /** Trains a new model; needs at least two labels. */
  static train(examples: readonly LabelledText[], options: TrainOptions = {}): Result<TextClassifier> {
    const o = { ...DEFAULTS, ...options };
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    if (labels.length < 2) {
      return fail('classifier_too_few_labels', 'The classifier needs examples of at least two categories.', 'Add labelled examples for more categories and train again.');
    }
    const model = new TextClassifier(o.bits, labels, o.replayCapacity, o.seed);
    const random = seededRandom(o.seed);
    const data = examples.map((e) => ({ x: featurize(e.text, o.bits), y: labels.indexOf(e.label) }));
    const K = labels.length;
    const squaredW = new Float32Array(model.weights.length);
    const squaredB = new Float32Array(K);
    const p = new Float64Array(K);
    const order = data.map((_, i) => i);
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      for (const i of shuffle(order, random)) {
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
      }
    }
    model.replay = shuffle([...examples], random).slice(0, o.replayCapacity).map((e) => ({ text: e.text, label: e.label }));
    return ok(model);
  }

  predict(text: string): Prediction {
    const K = this.labelList.length;
    const p = new Float64Array(K);
    this.probabilities(featurize(text, this.bits), p);
    let best = 0;
    const scores: Record<string, number> = {};
    for (let k = 0; k < K; k++) {
      scores[this.labelList[k]!] = p[k]!;
      if (p[k]! > p[best]!) best = k;
    }
    return { label: this.labelList[best]!, confidence: p[best]!, scores };
  }

  /**
   * Learns one correction: a few small SGD steps on the corrected example, each followed by replayed
   * examples of the two classes whose boundary moves (the wrong guess and the right label) and a few
   * random ones, so the model does not forget what it knew. A new label becomes a new class.
   */
  learn(text: string, label: string): void {
    const wrongGuess = this.predict(text).label;
    if (!this.labelList.includes(label)) this.addLabel(label);
    const y = this.labelList.indexOf(label);
    const x = featurize(text, this.bits);
    const neighbours = this.replay.filter((e) => e.label === label || e.label === wrongGuess);
    const pick = (pool: LabelledText[]) => pool[Math.floor(this.random() * pool.length)];
    const vector = (e: LabelledText) => ({ x: featurize(e.text, this.bits), y: this.labelList.indexOf(e.label) });
    for (let pass = 0; pass < CORRECTION_PASSES; pass++) {
      this.sgdStep(x, y);
      for (let r = 0; r < REPLAY_PER_PASS; r++) {
        const e = r % 3 === 2 ? pick(this.replay) : pick(neighbours);
        if (e) {
          const v = vector(e);
          this.sgdStep(v.x, v.y);
        }
      }
      const now = this.predict(text);
      if (now.label === label && now.confidence >= CORRECTION_CONFIDENCE) break;
    }
    this.remember({ text, label });
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
      version: 1,
      bits: this.bits,
      labels: [...this.labelList],
      bias: Array.from(this.bias),
      buckets: toBase64(new Uint8Array(Uint32Array.from(used).buffer)),
      weights: toBase64(new Uint8Array(packed.buffer)),
      replay: this.replay.map((e) => [e.text, e.label]),
      replayCapacity: this.replayCapacity,
      seed: this.seed,
    };
  }

  static fromJSON(json: unknown): Result<TextClassifier> {
    const parsed = serializedSchema.safeParse(json);
    const unreadable = () =>
      fail('classifier_unreadable', 'The saved local model could not be read.', 'Reset the local model in the options page; it will be retrained from the shipped examples.');
    if (!parsed.success) return unreadable();
    const s = parsed.data;
    const K = s.labels.length;
    const bucketBytes = fromBase64(s.buckets);
    const weightBytes = fromBase64(s.weights);
    if (s.bias.length !== K || bucketBytes.length % 4 !== 0 || weightBytes.length !== (bucketBytes.length / 4) * K * 4) return unreadable();
    const buckets = new Uint32Array(bucketBytes.buffer, bucketBytes.byteOffset, bucketBytes.length / 4);
    const packed = new Float32Array(weightBytes.buffer, weightBytes.byteOffset, weightBytes.length / 4);
    const model = new TextClassifier(s.bits, s.labels, s.replayCapacity, s.seed);
    for (let i = 0; i < buckets.length; i++) {
      const b = buckets[i]!;
      if (b >= 1 << s.bits) return unreadable();
      model.weights.set(packed.subarray(i * K, i * K + K), b * K);
    }
    model.bias.set(s.bias);
    model.replay = s.replay.map(([text, label]) => ({ text, label }));
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

  /** A correction step moves weights only: moving a class's bias would pull every text toward it. */
  private sgdStep(x: SparseVector, y: number): void {
    const K = this.labelList.length;
    const p = new Float64Array(K);
    this.probabilities(x, p);
    for (let k = 0; k < K; k++) {
      const g = p[k]! - (k === y ? 1 : 0);
      for (let j = 0; j < x.indexes.length; j++) this.weights[x.indexes[j]! * K + k]! -= CORRECTION_RATE * g * x.values[j]!;
    }
  }

  private addLabel(label: string): void {
    const K = this.labelList.length;
    const grown = new Float32Array((1 << this.bits) * (K + 1));
    for (let b = 0; b < 1 << this.bits; b++) grown.set(this.weights.subarray(b * K, b * K + K), b * (K + 1));
    const bias = new Float32Array(K + 1);
    bias.set(this.bias);
    // A new class starts at the average bias with no weights, so it wins only where it has been taught.
    bias[K] = this.bias.reduce((a, b) => a + b, 0) / K;
    this.weights = grown;
    this.bias = bias;
    this.labelList.push(label);
  }

  /** Keeps the replay sample bounded: a new example replaces a random one when it is full. */
  private remember(example: LabelledText): void {
    if (this.replay.length < this.replayCapacity) this.replay.push(example);
    else if (this.replayCapacity > 0) this.replay[Math.floor(this.random() * this.replayCapacity)] = example;
  }
}
