/** Hashed text features: word unigrams and bigrams plus character 3–5-grams inside word boundaries. */

/** At most this many words are read: it bounds the cost of one classification on long threads. */
const MAX_WORDS = 400;

export interface SparseVector {
  indexes: Uint32Array;
  values: Float32Array;
}

/** Lower-cased word tokens; digits become 0 so "order 88412" and "order 55120" look alike. */
export function tokenize(text: string): string[] {
  const words = text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu) ?? [];
  return words.slice(0, MAX_WORDS).map((w) => w.replace(/\d/g, '0'));
}

/** FNV-1a, 32 bit. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The L2-normalised feature vector of a text in a space of 2^bits buckets.
 * A second bit of the hash gives each feature a sign, so collisions cancel out on average.
 */
export function featurize(text: string, bits: number): SparseVector {
  const mask = (1 << bits) - 1;
  const counts = new Map<number, number>();
  const add = (feature: string, weight: number) => {
    const h = hash(feature);
    const index = h & mask;
    const sign = h & 0x80000000 ? -1 : 1;
    counts.set(index, (counts.get(index) ?? 0) + sign * weight);
  };
  const words = tokenize(text);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    add(`w ${word}`, 1);
    if (i > 0) add(`b ${words[i - 1]} ${word}`, 1);
    const padded = `<${word}>`;
    for (let n = 3; n <= 5; n++) {
      for (let s = 0; s + n <= padded.length; s++) add(`c ${padded.slice(s, s + n)}`, 0.5);
    }
  }
  let norm = 0;
  for (const v of counts.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  const indexes = new Uint32Array(counts.size);
  const values = new Float32Array(counts.size);
  let j = 0;
  for (const [index, v] of counts) {
    indexes[j] = index;
    values[j] = v / norm;
    j++;
  }
  return { indexes, values };
}
