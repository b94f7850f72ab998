import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch';
import { z } from 'zod';
import type { Passage } from '@/lib/schemas/sop';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { processTerm, tokenize } from './text-terms';

/**
 * The SOP search index: MiniSearch (BM25+) over passage text, heading path and SOP title (title and headings boosted).
 * It stores every field a retrieval result shows, so a search never needs the database, and serialises to one JSON
 * string that a restarted service worker loads instead of re-indexing.
 */

/** Bump when term processing or fields change: an older snapshot is then rebuilt rather than searched wrongly. */
const INDEX_FORMAT_VERSION = 1;
const SNAPSHOT_FORMAT = 'calm-triage-sop-index';

type IndexedPassage = Passage;

const FIELDS = ['text', 'heading', 'sopTitle'] as const;
const STORED = ['sopId', 'sopVersion', 'sopTitle', 'headingPath', 'text', 'lanes'] as const;

const MINISEARCH_OPTIONS: Options<IndexedPassage> = {
  idField: 'id',
  fields: [...FIELDS],
  storeFields: [...STORED],
  extractField: (doc, field) => (field === 'heading' ? doc.headingPath.join(' ') : (doc as unknown as Record<string, unknown>)[field]) as string,
  tokenize,
  processTerm: (term) => processTerm(term),
  // Removals are rare (replace, retire, delete); vacuum in the background when they add up.
  autoVacuum: true,
};

/** What a search hit carries back: the stored fields plus score and the query terms it matched. */
export interface IndexHit {
  passage: Passage;
  score: number;
  queryTerms: string[];
}

export interface IndexSearchOptions {
  /** Only passages tagged with this lane, or with no lanes at all. */
  lane?: string;
  limit: number;
}

const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(INDEX_FORMAT_VERSION),
  bySop: z.record(z.string(), z.array(z.string())),
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
});

export class SopIndex {
  private constructor(
    private readonly search_: MiniSearch<IndexedPassage>,
    /** Passage ids by SOP id, so a whole SOP can be taken out without the database. */
    private readonly bySop: Map<string, string[]>,
  ) {}

  static empty(): SopIndex {
    return new SopIndex(new MiniSearch(MINISEARCH_OPTIONS), new Map());
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
      const search = MiniSearch.loadJS(parsed.data.index as AsPlainObject, MINISEARCH_OPTIONS);
      return ok(new SopIndex(search, new Map(Object.entries(parsed.data.bySop))));
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
    this.search_.addAll(fresh);
    for (const p of fresh) {
      const ids = this.bySop.get(p.sopId) ?? [];
      ids.push(p.id);
      this.bySop.set(p.sopId, ids);
    }
  }

  /** Takes every passage of an SOP out of the index (retire, delete, or before adding its new version). */
  removeSop(sopId: string): void {
    for (const id of this.bySop.get(sopId) ?? []) if (this.search_.has(id)) this.search_.discard(id);
    this.bySop.delete(sopId);
  }

  replaceSop(sopId: string, passages: Passage[]): void {
    this.removeSop(sopId);
    this.add(passages);
  }

  /** Searches with terms already processed by `termsOf` (so they are not stemmed twice). */
  search(terms: string[], options: IndexSearchOptions): IndexHit[] {
    const { lane } = options;
    const hits = this.search_.search(terms.join(' '), {
      processTerm: (term) => term,
      boost: { sopTitle: 2, heading: 1.5 },
      // Prefix and fuzzy matching only for longer terms: short ones would match half the vocabulary and cost latency.
      prefix: (term) => term.length >= 5,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      maxFuzzy: 2,
      weights: { prefix: 0.3, fuzzy: 0.2 },
      filter: lane ? (hit) => {
        const lanes = hit.lanes as string[];
        return lanes.length === 0 || lanes.includes(lane);
      } : undefined,
    });
    return hits.slice(0, options.limit).map((hit) => ({ passage: hitToPassage(hit), score: hit.score, queryTerms: hit.queryTerms }));
  }
}
