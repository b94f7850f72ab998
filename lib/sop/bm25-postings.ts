/**
 * BM25+ postings, scored exactly as MiniSearch scores a search (same k, b, d, per-field document frequency and
 * average field length, the same prefix and fuzzy weights and "quality" multiplier; a property test holds it to
 * MiniSearch), but into typed arrays with a bounded top-k instead of one result object per matching passage:
 * MiniSearch builds, filters and sorts every match, which is what its search time is made of (5–14 ms p95 at 10k
 * passages, against 1 ms here).
 */

const K = 1.2;
const B = 0.7;
const D = 0.5;

/** Query terms a search can track per passage (two 32-bit masks). */
export const MAX_SCORED_TERMS = 64;

interface FieldPostings {
  /**
   * Passage ordinals holding the term in this field, and the term's frequency there. A loaded snapshot's lists are
   * views into its typed arrays until a change needs them as arrays (`editable`).
   */
  ordinals: number[] | Uint32Array;
  frequencies: number[] | Uint32Array;
}

/** A list that can grow and shrink: a snapshot's view is copied into arrays the first time. */
function editable(list: FieldPostings): { ordinals: number[]; frequencies: number[] } {
  if (!Array.isArray(list.ordinals)) list.ordinals = Array.from(list.ordinals);
  if (!Array.isArray(list.frequencies)) list.frequencies = Array.from(list.frequencies);
  return list as { ordinals: number[]; frequencies: number[] };
}

/**
 * The postings as IndexedDB stores them: typed arrays, which the structured clone copies as bytes, rather than one
 * JSON string or millions of small arrays, which a restarted worker would have to parse and allocate.
 */
export interface PostingsSnapshot {
  fields: number;
  ids: string[];
  scopes: string[][];
  /** lengths[field][ordinal] */
  lengths: Uint32Array[];
  terms: string[];
  /** ends[t * fields + f]: where term t's list in field f ends in ordinals and frequencies; it starts where the one before ends. */
  ends: Uint32Array;
  ordinals: Uint32Array;
  frequencies: Uint32Array;
}

export interface ScoredPassage {
  id: string;
  /** Raw BM25+ sum times the number of query terms matched, as MiniSearch reports it. */
  score: number;
  /** Indexes into the searched terms. */
  termIndexes: number[];
}

/** How a query term is expanded to the library's terms it does not hold as such (typos, cut-off words). */
export interface Expansion {
  prefix: boolean;
  /** Largest edit distance for a fuzzy match; 0 for none. */
  maxDistance: number;
}

/** MiniSearch's weights for a prefix and a fuzzy match (its defaults would be 0.375 and 0.45). */
const PREFIX_WEIGHT = 0.3;
const FUZZY_WEIGHT = 0.2;

export interface PostingsSearch {
  /** Field boosts, in field order. */
  boosts: readonly number[];
  limit: number;
  /** Only passages scoped to this (or to nothing, which means everywhere): the lane filter. */
  scope?: string;
  /** Per searched term, how to expand it; absent: exact only. */
  expand?: (term: string) => Expansion | null;
  /** Passages whose score is wanted even when outside the top (routed passages). */
  alsoScore?: readonly string[];
}

export class Bm25Postings {
  private readonly ordinalOf = new Map<string, number>();
  private readonly ids: Array<string | null> = [];
  /** Per passage, the scopes (lanes) it is limited to; empty: every scope. */
  private readonly scopes: Array<readonly string[]> = [];
  /** lengths[field][ordinal]: the field's distinct terms, as MiniSearch counts field length. */
  private readonly lengths: number[][];
  private readonly totalLength: number[];
  private live = 0;
  private readonly postings = new Map<string, Array<FieldPostings | undefined>>();
  /** How many passages hold each term, in any field. */
  private readonly documentFrequencies = new Map<string, number>();
  // Accumulators reused across searches and reset only where touched.
  private scores = new Float64Array(0);
  private masks = new Uint32Array(0);
  private touched: number[] = [];
  /** The terms sorted (prefixes) and by length (fuzzy), rebuilt after the vocabulary changed. */
  private dictionary: { sorted: string[]; byLength: Map<number, string[]> } | null = null;

  constructor(private readonly fieldCount: number) {
    this.lengths = Array.from({ length: fieldCount }, () => []);
    this.totalLength = new Array<number>(fieldCount).fill(0);
  }

  get size(): number {
    return this.live;
  }

  has(id: string): boolean {
    return this.ordinalOf.has(id);
  }

  /** How many passages hold the term, in any field (0 when none). */
  documentFrequency(term: string): number {
    return this.documentFrequencies.get(term) ?? 0;
  }

  /** Adds a passage from its fields' processed terms (in field order, repeats kept). */
  add(id: string, fieldTerms: ReadonlyArray<readonly string[]>, scopes: readonly string[] = []): void {
    if (this.ordinalOf.has(id)) return;
    const ordinal = this.ids.length;
    this.ids.push(id);
    this.scopes.push(scopes);
    this.ordinalOf.set(id, ordinal);
    this.live++;
    for (const term of new Set(fieldTerms.flat())) this.documentFrequencies.set(term, this.documentFrequency(term) + 1);
    for (let f = 0; f < this.fieldCount; f++) {
      const terms = fieldTerms[f] ?? [];
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      this.lengths[f]![ordinal] = counts.size;
      this.totalLength[f]! += counts.size;
      for (const [term, frequency] of counts) {
        let byField = this.postings.get(term);
        if (!byField) {
          byField = new Array<FieldPostings | undefined>(this.fieldCount);
          this.postings.set(term, byField);
          this.dictionary = null;
        }
        const list = editable((byField[f] ??= { ordinals: [], frequencies: [] }));
        list.ordinals.push(ordinal);
        list.frequencies.push(frequency);
      }
    }
  }

  /** Removes a passage, given the same field terms it was added with. */
  remove(id: string, fieldTerms: ReadonlyArray<readonly string[]>): void {
    const ordinal = this.ordinalOf.get(id);
    if (ordinal === undefined) return;
    this.ordinalOf.delete(id);
    this.ids[ordinal] = null;
    this.scopes[ordinal] = [];
    this.live--;
    for (const term of new Set(fieldTerms.flat())) {
      const n = this.documentFrequency(term) - 1;
      if (n > 0) this.documentFrequencies.set(term, n);
      else this.documentFrequencies.delete(term);
    }
    for (let f = 0; f < this.fieldCount; f++) {
      this.totalLength[f]! -= this.lengths[f]![ordinal] ?? 0;
      for (const term of new Set(fieldTerms[f] ?? [])) {
        const byField = this.postings.get(term);
        const loaded = byField?.[f];
        if (!byField || !loaded) continue;
        const list = editable(loaded);
        const at = list.ordinals.indexOf(ordinal);
        if (at < 0) continue;
        list.ordinals.splice(at, 1);
        list.frequencies.splice(at, 1);
        if (list.ordinals.length === 0) byField[f] = undefined;
        if (byField.every((l) => l === undefined)) {
          this.postings.delete(term);
          this.dictionary = null;
        }
      }
    }
  }

  /** The top passages for the terms (at most MAX_SCORED_TERMS) and their expansions, best first; ties in passage order. */
  search(terms: readonly string[], options: PostingsSearch): { top: ScoredPassage[]; also: Map<string, ScoredPassage> } {
    if (this.live === 0) return { top: [], also: new Map() };
    this.ensureCapacity();
    const scored = terms.slice(0, MAX_SCORED_TERMS);
    for (let t = 0; t < scored.length; t++) {
      const term = scored[t]!;
      this.accumulate(term, 1, t, options.boosts);
      const expansion = options.expand?.(term);
      if (expansion) for (const [derived, weight] of this.expansions(term, expansion)) this.accumulate(derived, weight, t, options.boosts);
    }
    const result = (ordinal: number): ScoredPassage => {
      const termIndexes: number[] = [];
      for (let t = 0; t < scored.length; t++) if (this.masks[ordinal * 2 + (t >> 5)]! & (1 << (t & 31))) termIndexes.push(t);
      return { id: this.ids[ordinal]!, score: this.scores[ordinal]! * (termIndexes.length || 1), termIndexes };
    };
    // Bounded top-k by the final score (raw score times matched terms).
    const best: Array<{ ordinal: number; score: number }> = [];
    for (const ordinal of options.limit > 0 ? this.touched : []) {
      const score = this.scores[ordinal]! * (popcount(this.masks[ordinal * 2]!) + popcount(this.masks[ordinal * 2 + 1]!));
      if (best.length === options.limit && !beats(score, ordinal, best[best.length - 1]!)) continue;
      const scopes = this.scopes[ordinal]!;
      if (options.scope !== undefined && scopes.length > 0 && !scopes.includes(options.scope)) continue;
      let at = best.length;
      while (at > 0 && beats(score, ordinal, best[at - 1]!)) at--;
      best.splice(at, 0, { ordinal, score });
      if (best.length > options.limit) best.pop();
    }
    const top = best.map((b) => result(b.ordinal));
    const also = new Map<string, ScoredPassage>();
    for (const id of options.alsoScore ?? []) {
      const ordinal = this.ordinalOf.get(id);
      if (ordinal !== undefined && this.scores[ordinal]! > 0) also.set(id, result(ordinal));
    }
    for (const ordinal of this.touched) {
      this.scores[ordinal] = 0;
      this.masks[ordinal * 2] = 0;
      this.masks[ordinal * 2 + 1] = 0;
    }
    this.touched = [];
    return { top, also };
  }

  /** Adds one term's BM25+ contribution, weighted, to every passage holding it, marking query term t as matched. */
  private accumulate(term: string, weight: number, t: number, boosts: readonly number[]): void {
    const byField = this.postings.get(term);
    if (!byField) return;
    const bit = 1 << (t & 31);
    const word = t >> 5;
    for (let f = 0; f < this.fieldCount; f++) {
      const list: FieldPostings | undefined = byField[f];
      if (!list) continue;
      const df = list.ordinals.length;
      const factor = weight * (boosts[f] ?? 1) * Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
      const average = this.totalLength[f]! / this.live;
      const lengths = this.lengths[f]!;
      for (let j = 0; j < df; j++) {
        const ordinal = list.ordinals[j]!;
        const tf = list.frequencies[j]!;
        const norm = average > 0 ? lengths[ordinal]! / average : 0;
        if (this.scores[ordinal] === 0) this.touched.push(ordinal);
        this.scores[ordinal]! += factor * (D + (tf * (K + 1)) / (tf + K * (1 - B + B * norm)));
        this.masks[ordinal * 2 + word]! |= bit;
      }
    }
  }

  /**
   * The library's terms a query term expands to, with MiniSearch's weights: longer prefixes weigh less, and a term
   * that is both a prefix and a fuzzy match counts as a prefix. The term itself is not an expansion.
   */
  private expansions(term: string, { prefix, maxDistance }: Expansion): Map<string, number> {
    const found = new Map<string, number>();
    const { sorted, byLength } = this.vocabulary();
    if (prefix) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < term) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < sorted.length && sorted[i]!.startsWith(term); i++) {
        const derived = sorted[i]!;
        const distance = derived.length - term.length;
        if (distance > 0) found.set(derived, (PREFIX_WEIGHT * derived.length) / (derived.length + 0.3 * distance));
      }
    }
    for (let length = term.length - maxDistance; maxDistance > 0 && length <= term.length + maxDistance; length++) {
      for (const derived of byLength.get(length) ?? []) {
        if (found.has(derived) || derived === term) continue;
        const distance = editDistanceWithin(term, derived, maxDistance);
        if (distance > 0) found.set(derived, (FUZZY_WEIGHT * derived.length) / (derived.length + distance));
      }
    }
    return found;
  }

  private vocabulary(): { sorted: string[]; byLength: Map<number, string[]> } {
    if (this.dictionary) return this.dictionary;
    const sorted = [...this.postings.keys()].sort();
    const byLength = new Map<number, string[]>();
    for (const term of sorted) {
      const list = byLength.get(term.length) ?? [];
      list.push(term);
      byLength.set(term.length, list);
    }
    this.dictionary = { sorted, byLength };
    return this.dictionary;
  }

  /** A snapshot that `fromSnapshot` loads without re-tokenising: live passages only, renumbered in order. */
  toSnapshot(): PostingsSnapshot {
    const renumbered = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    const scopes: string[][] = [];
    for (const [ordinal, id] of this.ids.entries()) {
      if (id === null) continue;
      renumbered[ordinal] = ids.length;
      ids.push(id);
      scopes.push([...this.scopes[ordinal]!]);
    }
    const lengths = this.lengths.map((byOrdinal) => Uint32Array.from(ids, (id) => byOrdinal[this.ordinalOf.get(id)!] ?? 0));
    const entries = [...this.postings];
    const ends = new Uint32Array(entries.length * this.fieldCount);
    let total = 0;
    for (const [t, [, byField]] of entries.entries()) {
      for (let f = 0; f < this.fieldCount; f++) ends[t * this.fieldCount + f] = total += byField[f]?.ordinals.length ?? 0;
    }
    const ordinals = new Uint32Array(total);
    const frequencies = new Uint32Array(total);
    let at = 0;
    for (const [, byField] of entries) {
      // byField is sparse: a term absent from a field has a hole there.
      for (let f = 0; f < this.fieldCount; f++) {
        const list = byField[f];
        if (!list) continue;
        for (let j = 0; j < list.ordinals.length; j++, at++) {
          ordinals[at] = renumbered[list.ordinals[j]!]!;
          frequencies[at] = list.frequencies[j]!;
        }
      }
    }
    return { fields: this.fieldCount, ids, scopes, lengths, terms: entries.map(([term]) => term), ends, ordinals, frequencies };
  }

  /** Loads a snapshot from `toSnapshot`; throws on one that does not hold together (the caller rebuilds). */
  static fromSnapshot(snapshot: PostingsSnapshot): Bm25Postings {
    const { fields, ids, scopes, lengths, terms, ends, ordinals, frequencies } = snapshot;
    const n = ids.length;
    const typed = (a: unknown): a is Uint32Array => a instanceof Uint32Array;
    if (!Number.isInteger(fields) || fields < 1 || !Array.isArray(ids) || !Array.isArray(scopes) || !Array.isArray(lengths) || !Array.isArray(terms)) throw new Error('postings snapshot: damaged');
    if (!typed(ends) || !typed(ordinals) || !typed(frequencies) || !lengths.every(typed)) throw new Error('postings snapshot: damaged');
    if (scopes.length !== n || lengths.length !== fields || lengths.some((l) => l.length !== n)) throw new Error('postings snapshot: sizes disagree');
    if (ends.length !== terms.length * fields || ordinals.length !== frequencies.length || (ends.length > 0 && ends[ends.length - 1] !== ordinals.length)) throw new Error('postings snapshot: sizes disagree');
    const postings = new Bm25Postings(fields);
    for (const [ordinal, id] of ids.entries()) {
      if (typeof id !== 'string' || !Array.isArray(scopes[ordinal])) throw new Error('postings snapshot: a passage entry is damaged');
      postings.ids.push(id);
      postings.scopes.push(scopes[ordinal]);
      postings.ordinalOf.set(id, ordinal);
    }
    postings.live = n;
    for (let f = 0; f < fields; f++) {
      postings.lengths[f] = Array.from(lengths[f]!);
      postings.totalLength[f] = lengths[f]!.reduce((a, b) => a + b, 0);
    }
    for (let i = 0; i < ordinals.length; i++) if (ordinals[i]! >= n || frequencies[i]! === 0) throw new Error('postings snapshot: a posting is damaged');
    // Document frequencies: distinct passages over the fields, counted with a stamp per passage.
    const stamp = new Int32Array(n).fill(-1);
    let start = 0;
    for (const [t, term] of terms.entries()) {
      if (typeof term !== 'string') throw new Error('postings snapshot: a term is damaged');
      const byField = new Array<FieldPostings | undefined>(fields);
      let df = 0;
      for (let f = 0; f < fields; f++) {
        const end = ends[t * fields + f]!;
        if (end < start) throw new Error(`postings snapshot: term ${term} is damaged`);
        if (end === start) continue;
        for (let j = start; j < end; j++) {
          const o = ordinals[j]!;
          if (stamp[o] !== t) {
            stamp[o] = t;
            df++;
          }
        }
        byField[f] = { ordinals: ordinals.subarray(start, end), frequencies: frequencies.subarray(start, end) };
        start = end;
      }
      postings.postings.set(term, byField);
      postings.documentFrequencies.set(term, df);
    }
    return postings;
  }

  private ensureCapacity(): void {
    if (this.scores.length >= this.ids.length) return;
    const capacity = Math.max(1024, this.ids.length * 2);
    this.scores = new Float64Array(capacity);
    this.masks = new Uint32Array(capacity * 2);
  }
}

/** A higher score wins; at equal scores the earlier passage. */
function beats(score: number, ordinal: number, other: { ordinal: number; score: number }): boolean {
  return score > other.score || (score === other.score && ordinal < other.ordinal);
}

function popcount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const rowA = new Int32Array(64);
const rowB = new Int32Array(64);

/** Levenshtein distance of a and b when it is at most max, else -1 (rows stop once every cell exceeds max). */
function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max || b.length >= rowA.length) return -1;
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return -1;
    [previous, current] = [current, previous];
  }
  const distance = previous[b.length]!;
  return distance <= max ? distance : -1;
}
