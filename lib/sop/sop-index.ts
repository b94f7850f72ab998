import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch';
import { z } from 'zod';
import type { Passage } from '@/lib/schemas/sop';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { Bm25Postings, type Expansion } from './bm25-postings';
import { indexTerms } from './text-terms';

/**
 * The SOP search index: MiniSearch (BM25+) over passage text, heading path and SOP title (title and headings boosted).
 * It stores every field a retrieval result shows, so a search never needs the database, and serialises to one JSON
 * string that a restarted service worker loads instead of re-indexing. Searches are scored by `Bm25Postings` beside
 * it: MiniSearch's scores, without building a result object for every matching passage.
 */

/** Bump when term processing or fields change: an older snapshot is then rebuilt rather than searched wrongly. */
const INDEX_FORMAT_VERSION = 3;
const SNAPSHOT_FORMAT = 'calm-triage-sop-index';

type IndexedPassage = Passage;

const FIELDS = ['text', 'heading', 'sopTitle'] as const;
/** Title and headings say what a passage is about more densely than its body. */
const BOOSTS: Record<(typeof FIELDS)[number], number> = { text: 1, heading: 1.5, sopTitle: 2 };
const STORED = ['sopId', 'sopVersion', 'sopTitle', 'headingPath', 'text', 'lanes', 'tags'] as const;

/** Collects the terms of the passage being added, per field: document frequencies and the postings. */
interface TermCollector {
  fields: string[][] | null;
}

const fieldText = (doc: IndexedPassage, field: string): string =>
  field === 'heading' ? doc.headingPath.join(' ') : ((doc as unknown as Record<string, unknown>)[field] as string);

function minisearchOptions(collector: TermCollector): Options<IndexedPassage> {
  return {
    idField: 'id',
    fields: [...FIELDS],
    storeFields: [...STORED],
    extractField: fieldText,
    // Fields are tokenised and their terms processed in one pass (processTerm is then the identity): the field length
    // BM25 uses counts the distinct meaningful terms.
    tokenize: (text, field) => {
      const terms = indexTerms(text);
      const at = FIELDS.indexOf(field as (typeof FIELDS)[number]);
      if (collector.fields && at >= 0) collector.fields[at] = terms;
      return terms;
    },
    processTerm: (term) => term,
    // Removals are rare (replace, retire, delete); vacuum in the background when they add up.
    autoVacuum: true,
  };
}

/**
 * Query terms held by more than this many passages are left out of the search while rarer ones remain: their BM25
 * weight is small, yet each makes MiniSearch score and sort every passage holding it, which is what search time is
 * made of. An absolute count, because that cost is absolute: libraries up to this size keep every term.
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

const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(INDEX_FORMAT_VERSION),
  bySop: z.record(z.string(), z.array(z.string())),
  byTag: z.record(z.string(), z.array(z.string())),
  docFrequency: z.record(z.string(), z.number()),
  index: z.record(z.string(), z.unknown()),
});

const hitToPassage = (hit: SearchResult): Passage => ({
  id: String(hit.id),
  sopId: hit.sopId as string,
  sopVersion: hit.sopVersion as number,
  sopTitle: hit.sopTitle as string,
  headingPath: hit.headingPath as string[],
  text: hit.text as string,
  lanes: hit.lanes as string[],
  tags: (hit.tags as string[] | undefined) ?? [],
});

export class SopIndex {
  private readonly collector: TermCollector = { fields: null };
  private readonly search_: MiniSearch<IndexedPassage>;

  private constructor(
    load: (options: Options<IndexedPassage>) => MiniSearch<IndexedPassage>,
    private readonly postings: Bm25Postings,
    /** Passage ids by SOP id, so a whole SOP can be taken out without the database. */
    private readonly bySop: Map<string, string[]>,
    /** Passage ids by section tag, for routing by category. */
    private readonly byTag: Map<string, string[]>,
    /** How many passages hold each term (MiniSearch does not expose it). */
    private readonly docFrequency: Map<string, number>,
  ) {
    this.search_ = load(minisearchOptions(this.collector));
  }

  static empty(): SopIndex {
    return new SopIndex((options) => new MiniSearch(options), new Bm25Postings(FIELDS.length), new Map(), new Map(), new Map());
  }

  static fromPassages(passages: Passage[]): SopIndex {
    const index = SopIndex.empty();
    index.add(passages);
    return index;
  }

  /** Restores a snapshot from `serialise()`, or says why it cannot (corrupt, older format): then rebuild. */
  static load(json: string): Result<SopIndex> {
    try {
      const parsed = snapshotSchema.safeParse(JSON.parse(json));
      if (!parsed.success) {
        return fail('sop.index_snapshot_invalid', 'The saved search index is from another version or damaged.', 'It will be rebuilt from the SOP library.');
      }
      const { index, bySop, byTag, docFrequency } = parsed.data;
      const entries = (record: Record<string, string[]>) => new Map(Object.entries(record));
      const snapshot = index as AsPlainObject;
      const postings = Bm25Postings.fromMiniSearch(snapshot, FIELDS, 'lanes');
      return ok(new SopIndex((options) => MiniSearch.loadJS(snapshot, options), postings, entries(bySop), entries(byTag), new Map(Object.entries(docFrequency))));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return fail('sop.index_snapshot_invalid', `The saved search index could not be read (${reason.slice(0, 80)}).`, 'It will be rebuilt from the SOP library.');
    }
  }

  serialise(): string {
    return JSON.stringify({
      format: SNAPSHOT_FORMAT,
      version: INDEX_FORMAT_VERSION,
      bySop: Object.fromEntries(this.bySop),
      byTag: Object.fromEntries(this.byTag),
      docFrequency: Object.fromEntries(this.docFrequency),
      index: this.search_.toJSON(),
    });
  }

  get passageCount(): number {
    return this.search_.documentCount;
  }

  /** True when the index holds exactly these passage ids: a snapshot check against the database. */
  hasExactly(passageIds: readonly string[]): boolean {
    if (passageIds.length !== this.search_.documentCount) return false;
    return passageIds.every((id) => this.search_.has(id));
  }

  sopIds(): string[] {
    return [...this.bySop.keys()];
  }

  add(passages: Passage[]): void {
    const fresh = passages.filter((p) => !this.search_.has(p.id));
    for (const p of fresh) {
      const fields: string[][] = FIELDS.map(() => []);
      this.collector.fields = fields;
      this.search_.add(p);
      this.collector.fields = null;
      this.postings.add(p.id, fields, p.lanes);
      this.countTerms(new Set(fields.flat()), 1);
      const ids = this.bySop.get(p.sopId) ?? [];
      ids.push(p.id);
      this.bySop.set(p.sopId, ids);
      for (const tag of p.tags ?? []) {
        const tagged = this.byTag.get(tag) ?? [];
        tagged.push(p.id);
        this.byTag.set(tag, tagged);
      }
    }
  }

  /** Takes every passage of an SOP out of the index (retire, delete, or before adding its new version). */
  removeSop(sopId: string): void {
    for (const id of this.bySop.get(sopId) ?? []) {
      const stored = this.search_.getStoredFields(id);
      if (!stored) continue;
      const p = hitToPassage({ ...stored, id, score: 0, terms: [], queryTerms: [], match: {} });
      const fields = FIELDS.map((field) => indexTerms(fieldText(p, field)));
      this.postings.remove(id, fields);
      this.countTerms(new Set(fields.flat()), -1);
      this.search_.discard(id);
    }
    this.bySop.delete(sopId);
    for (const [tag, ids] of this.byTag) {
      const kept = ids.filter((id) => this.search_.has(id));
      if (kept.length > 0) this.byTag.set(tag, kept);
      else this.byTag.delete(tag);
    }
  }

  /** Inverse document frequency of a processed term, as BM25 weighs it (0 when every passage holds it). */
  idf(term: string): number {
    const n = this.search_.documentCount;
    const df = this.docFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private countTerms(terms: Set<string>, delta: 1 | -1): void {
    for (const term of terms) {
      const n = (this.docFrequency.get(term) ?? 0) + delta;
      if (n > 0) this.docFrequency.set(term, n);
      else this.docFrequency.delete(term);
    }
  }

  /** The terms worth searching with: common ones dropped while a rarer one remains. */
  private searchTerms(terms: string[]): string[] {
    const df = (t: string) => this.docFrequency.get(t) ?? 0;
    const kept = terms.filter((t) => df(t) <= COMMON_TERM_DF);
    if (kept.length > 0) return kept;
    const stopDf = this.search_.documentCount * STOP_TERM_SHARE;
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
    const stored = (id: string) => this.search_.getStoredFields(id);
    const { top, also } = this.postings.search(searched, {
      boosts: FIELDS.map((field) => BOOSTS[field]),
      limit: options.limit,
      scope: lane,
      expand: (term) => this.expansionOf(term),
      alsoScore: routedIds,
    });
    const isRouted = (tags: string[]) => tags.some((t) => routeTags.has(t));
    const passageOf = (id: string): Passage | null => {
      const fields = stored(id);
      return fields ? hitToPassage({ ...fields, id, score: 0, terms: [], queryTerms: [], match: {} }) : null;
    };
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
    if (term.length < 4 || this.docFrequency.has(term)) return null;
    return { prefix: true, maxDistance: term.length >= 5 ? Math.min(2, Math.round(term.length * 0.2)) : 0 };
  }
}
