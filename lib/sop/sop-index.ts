import type { Passage } from '@/lib/schemas/sop';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { Bm25Postings, type Expansion, type PostingsSnapshot } from './bm25-postings';
import { indexTerms } from './text-terms';

/**
 * The SOP search index: BM25+ (`Bm25Postings`) over passage text, heading path and SOP title (title and headings
 * boosted), with the passages themselves, so a search never needs the database. Its snapshot, stored in IndexedDB,
 * is what a restarted service worker loads instead of re-indexing.
 */

/** Bump when term processing, fields or the snapshot change: an older snapshot is then rebuilt rather than misread. */
const INDEX_FORMAT_VERSION = 5;
const SNAPSHOT_FORMAT = 'calm-triage-sop-index';

const FIELDS = ['text', 'heading', 'sopTitle'] as const;
/** Title and headings say what a passage is about more densely than its body. */
const BOOSTS = [1, 1.5, 2];

/** Each field's processed terms (stop words dropped, stemmed), in field order. */
const fieldTerms = (p: Passage): string[][] => [indexTerms(p.text), indexTerms(p.headingPath.join(' ')), indexTerms(p.sopTitle)];

/**
 * Query terms held by more than this many passages are left out of the search while rarer ones remain: their BM25
 * weight is small, yet each adds every passage holding it to the scoring, which is what search time is made of. An absolute count, because that cost is absolute: libraries up to this size keep every term.
 */
const COMMON_TERM_DF = 600;
/** When a query has only common terms, its rarest one is searched, unless it is in more than this share of passages
 * (then it is as weak as a stop word). */
const STOP_TERM_SHARE = 0.1;

/** What a search hit carries back: the stored fields plus score and the query terms it matched. */
export interface IndexHit {
  passage: Passage;
  /** BM25 score; 0 for a passage that only the routing tags brought in. */
  score: number;
  queryTerms: string[];
  /** The passage's section is tagged with one of the routing tags. */
  routed: boolean;
}

export interface IndexSearchOptions {
  /** Only passages tagged with this lane, or with no lanes at all. */
  lane?: string;
  limit: number;
  /** Section tags to route to (the classified category): every passage so tagged is a candidate, matched or not. */
  tags?: readonly string[];
}

/**
 * The passages by column, the SOP fields once per SOP version: a structured clone reads a few arrays of strings
 * where 20,000 passage objects would each be read field by field after a restart. The texts stay one string each:
 * joined, one curly quote would make V8 store the whole library's text at two bytes a character.
 */
interface PassageColumns {
  sops: Array<{ sopId: string; sopVersion: number; sopTitle: string }>;
  /** Per passage, its entry in sops. */
  sopOf: Uint32Array;
  ids: string[];
  headingPaths: string[][];
  lanes: string[][];
  /** null: a passage imported before section tags existed. */
  tags: Array<string[] | null>;
  texts: string[];
}

export interface SopIndexSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof INDEX_FORMAT_VERSION;
  passages: PassageColumns;
  postings: PostingsSnapshot;
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

function toColumns(passages: Passage[]): PassageColumns {
  const sops: PassageColumns['sops'] = [];
  const sopIndex = new Map<string, number>();
  const sopOf = new Uint32Array(passages.length);
  passages.forEach((p, i) => {
    const key = `${p.sopId}@${p.sopVersion}\u0000${p.sopTitle}`;
    let at = sopIndex.get(key);
    if (at === undefined) {
      at = sops.push({ sopId: p.sopId, sopVersion: p.sopVersion, sopTitle: p.sopTitle }) - 1;
      sopIndex.set(key, at);
    }
    sopOf[i] = at;
  });
  return {
    sops,
    sopOf,
    ids: passages.map((p) => p.id),
    headingPaths: passages.map((p) => p.headingPath),
    lanes: passages.map((p) => p.lanes),
    tags: passages.map((p) => p.tags ?? null),
    texts: passages.map((p) => p.text),
  };
}

/** The passages back from their columns; throws on columns that do not hold together (the caller rebuilds). */
function fromColumns(c: PassageColumns): Passage[] {
  const n = Array.isArray(c.ids) ? c.ids.length : -1;
  const columns = [c.headingPaths, c.lanes, c.tags, c.texts];
  if (n < 0 || !Array.isArray(c.sops) || !(c.sopOf instanceof Uint32Array)) throw new Error('passages: damaged');
  if (c.sopOf.length !== n || columns.some((column) => !Array.isArray(column) || column.length !== n)) throw new Error('passages: sizes disagree');
  const passages: Passage[] = [];
  for (let i = 0; i < n; i++) {
    const sop = c.sops[c.sopOf[i]!];
    const [id, text, tags] = [c.ids[i], c.texts[i], c.tags[i]];
    if (!sop || typeof sop.sopId !== 'string' || !Number.isInteger(sop.sopVersion) || typeof sop.sopTitle !== 'string' || typeof id !== 'string' || typeof text !== 'string') throw new Error('passages: an entry is damaged');
    if (!isStrings(c.headingPaths[i]) || !isStrings(c.lanes[i]) || !(tags === null || isStrings(tags))) throw new Error('passages: an entry is damaged');
    const passage: Passage = { id, sopId: sop.sopId, sopVersion: sop.sopVersion, sopTitle: sop.sopTitle, headingPath: c.headingPaths[i]!, text, lanes: c.lanes[i]! };
    if (tags) passage.tags = tags;
    passages.push(passage);
  }
  return passages;
}

export class SopIndex {
  /** Passage ids by SOP id, so a whole SOP can be taken out without the database. */
  private readonly bySop = new Map<string, string[]>();
  /** Passage ids by section tag, for routing by category. */
  private readonly byTag = new Map<string, string[]>();

  private constructor(
    private readonly passages: Map<string, Passage>,
    private readonly postings: Bm25Postings,
  ) {
    for (const p of passages.values()) this.place(p);
  }

  static empty(): SopIndex {
    return new SopIndex(new Map(), new Bm25Postings(FIELDS.length));
  }

  static fromPassages(passages: Passage[]): SopIndex {
    const index = SopIndex.empty();
    index.add(passages);
    return index;
  }

  /** Restores a snapshot from `snapshot()`, or says why it cannot (damaged, older format): then rebuild. */
  static fromSnapshot(value: unknown): Result<SopIndex> {
    const invalid = (why: string) => fail('sop.index_snapshot_invalid', `The saved search index ${why}.`, 'It will be rebuilt from the SOP library.');
    const s = value as Partial<SopIndexSnapshot> | null;
    if (typeof s !== 'object' || s === null || s.format !== SNAPSHOT_FORMAT || s.version !== INDEX_FORMAT_VERSION || !s.passages || s.postings?.fields !== FIELDS.length) {
      return invalid('is from another version or damaged');
    }
    try {
      const passages = fromColumns(s.passages);
      const loaded = Bm25Postings.fromSnapshot(s.postings);
      const byId = new Map(passages.map((p) => [p.id, p]));
      if (byId.size !== loaded.size || passages.some((p) => !loaded.has(p.id))) return invalid('does not match its passages');
      return ok(new SopIndex(byId, loaded));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return invalid(`could not be read (${reason.slice(0, 80)})`);
    }
  }

  snapshot(): SopIndexSnapshot {
    return { format: SNAPSHOT_FORMAT, version: INDEX_FORMAT_VERSION, passages: toColumns([...this.passages.values()]), postings: this.postings.toSnapshot() };
  }

  get passageCount(): number {
    return this.passages.size;
  }

  /** The SOP versions the index holds, as the library's row ids (`sopId@version`). */
  sopVersionIds(): string[] {
    return [...this.bySop.values()].flatMap((ids) => {
      const p = this.passages.get(ids[0] ?? '');
      return p ? [`${p.sopId}@${p.sopVersion}`] : [];
    });
  }

  sopIds(): string[] {
    return [...this.bySop.keys()];
  }

  add(passages: Passage[]): void {
    for (const p of passages) {
      if (this.passages.has(p.id)) continue;
      this.passages.set(p.id, p);
      this.postings.add(p.id, fieldTerms(p), p.lanes);
      this.place(p);
    }
  }

  /** Takes every passage of an SOP out of the index (retire, delete, or before adding its new version). */
  removeSop(sopId: string): void {
    for (const id of this.bySop.get(sopId) ?? []) {
      const p = this.passages.get(id);
      if (!p) continue;
      this.postings.remove(id, fieldTerms(p));
      this.passages.delete(id);
    }
    this.bySop.delete(sopId);
    for (const [tag, ids] of this.byTag) {
      const kept = ids.filter((id) => this.passages.has(id));
      if (kept.length > 0) this.byTag.set(tag, kept);
      else this.byTag.delete(tag);
    }
  }

  /** Inverse document frequency of a processed term, as BM25 weighs it (0 when every passage holds it). */
  idf(term: string): number {
    const n = this.passages.size;
    const df = this.postings.documentFrequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Files a passage under its SOP and its section tags. */
  private place(p: Passage): void {
    const ids = this.bySop.get(p.sopId) ?? [];
    ids.push(p.id);
    this.bySop.set(p.sopId, ids);
    for (const tag of p.tags ?? []) {
      const tagged = this.byTag.get(tag) ?? [];
      tagged.push(p.id);
      this.byTag.set(tag, tagged);
    }
  }

  /** The terms worth searching with: common ones dropped while a rarer one remains. */
  private searchTerms(terms: string[]): string[] {
    const df = (t: string) => this.postings.documentFrequency(t);
    const kept = terms.filter((t) => df(t) <= COMMON_TERM_DF);
    if (kept.length > 0) return kept;
    const stopDf = this.passages.size * STOP_TERM_SHARE;
    const rarest = [...terms].sort((a, b) => df(a) - df(b))[0];
    return rarest !== undefined && df(rarest) <= stopDf ? [rarest] : [];
  }

  replaceSop(sopId: string, passages: Passage[]): void {
    this.removeSop(sopId);
    this.add(passages);
  }

  /** Searches with terms already processed by `termsOf` (so they are not stemmed twice). */
  search(queryTerms: string[], options: IndexSearchOptions): { hits: IndexHit[]; searched: string[] } {
    const { lane } = options;
    const inLane = (lanes: string[]) => !lane || lanes.length === 0 || lanes.includes(lane);
    const searched = this.searchTerms(queryTerms);
    const routeTags = new Set(options.tags ?? []);
    const routedIds = [...new Set([...routeTags].flatMap((tag) => this.byTag.get(tag) ?? []))];
    const { top, also } = this.postings.search(searched, {
      boosts: BOOSTS,
      limit: options.limit,
      scope: lane,
      expand: (term) => this.expansionOf(term),
      alsoScore: routedIds,
    });
    const isRouted = (tags: string[]) => tags.some((t) => routeTags.has(t));
    const passageOf = (id: string): Passage | null => this.passages.get(id) ?? null;
    const hits: IndexHit[] = [];
    for (const hit of top) {
      const passage = passageOf(hit.id);
      if (passage) hits.push({ passage, score: hit.score, queryTerms: hit.termIndexes.map((t) => searched[t]!), routed: isRouted(passage.tags ?? []) });
    }
    // Routed passages beyond the top ones still come back (another language, the customer's own wording): with
    // their score when the words matched them, unscored otherwise.
    const taken = new Set(hits.map((h) => h.passage.id));
    for (const id of routedIds) {
      if (taken.has(id)) continue;
      const passage = passageOf(id);
      if (!passage || !inLane(passage.lanes)) continue;
      const hit = also.get(id);
      hits.push({ passage, score: hit?.score ?? 0, queryTerms: hit ? hit.termIndexes.map((t) => searched[t]!) : [], routed: true });
    }
    return { hits, searched };
  }

  /**
   * Prefix and fuzzy matching only for terms the library does not hold as such (typos, cut-off words), and only for
   * longer ones: expanding known terms adds little over stemming and costs most of the search time.
   */
  private expansionOf(term: string): Expansion | null {
    if (term.length < 4 || this.postings.documentFrequency(term) > 0) return null;
    return { prefix: true, maxDistance: term.length >= 5 ? Math.min(2, Math.round(term.length * 0.2)) : 0 };
  }
}
