import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Passage } from '@/lib/schemas/sop';
import { SopIndex } from '@/lib/sop/sop-index';
import { sampleSopPassages } from '../../support/sample-sop-passages';
import { indexTerms, termsOf } from '@/lib/sop/text-terms';

let passages: Passage[] = [];
let vocabulary: string[] = [];

beforeAll(async () => {
  passages = await sampleSopPassages();
  vocabulary = [...new Set(passages.flatMap((p) => termsOf(`${p.text} ${p.headingPath.join(' ')} ${p.sopTitle}`)))];
});

/** The search SopIndex ran before the postings: MiniSearch itself, every match built and sorted. */
function reference(docs: Passage[]): MiniSearch<Passage> {
  const mini = new MiniSearch<Passage>({
    idField: 'id',
    fields: ['text', 'heading', 'sopTitle'],
    storeFields: ['lanes'],
    extractField: (doc, field) => (field === 'heading' ? doc.headingPath.join(' ') : (doc as unknown as Record<string, unknown>)[field]) as string,
    tokenize: (text) => indexTerms(text),
    processTerm: (term) => term,
  });
  mini.addAll(docs);
  return mini;
}

function referenceSearch(mini: MiniSearch<Passage>, terms: string[], known: (t: string) => boolean, lane?: string) {
  return mini.search(terms.join(' '), {
    tokenize: (q) => q.split(' '),
    boost: { sopTitle: 2, heading: 1.5 },
    prefix: (term) => term.length >= 4 && !known(term),
    fuzzy: (term) => (term.length >= 5 && !known(term) ? 0.2 : false),
    maxFuzzy: 2,
    weights: { prefix: 0.3, fuzzy: 0.2 },
    filter: lane ? (hit) => (hit.lanes as string[]).length === 0 || (hit.lanes as string[]).includes(lane) : undefined,
  });
}

/** Query terms the library holds, and typos and cut-off words of them that it does not. */
const queryTerms = () =>
  fc.array(
    fc.oneof(
      fc.constantFrom(...vocabulary),
      fc.constantFrom(...vocabulary).map((t) => (t.length > 5 ? `${t.slice(0, -2)}` : t)),
      fc.constantFrom(...vocabulary).map((t) => (t.length > 5 ? `${t.slice(0, 2)}x${t.slice(3)}` : t)),
    ),
    { minLength: 1, maxLength: 12 },
  ).map((terms) => [...new Set(terms)]);

function expectSameRanking(index: SopIndex, mini: MiniSearch<Passage>, terms: string[], lane?: string) {
  const known = (t: string) => mini.search(t, { tokenize: (q) => [q], prefix: false, fuzzy: false }).length > 0;
  const { hits, searched } = index.search(terms, { limit: 10, lane });
  const all = referenceSearch(mini, searched, known, lane);
  const expected = all.slice(0, 10);
  expect(hits.map((h) => h.score)).toEqual(expected.map((r) => expect.closeTo(r.score, 9)));
  // Equal scores may come in another order; each rank holds a passage with that score and the same matched terms.
  for (const [i, hit] of hits.entries()) {
    // A tie at the cut may take a passage from beyond it.
    const same = all.filter((r) => Math.abs(r.score - hit.score) < 1e-9);
    expect(same.map((r) => String(r.id))).toContain(hit.passage.id);
    expect([...hit.queryTerms].sort()).toEqual([...all.find((r) => String(r.id) === hit.passage.id)!.queryTerms].sort());
    expect(i).toBeLessThan(expected.length);
  }
}

describe('Bm25Postings scores as MiniSearch does', () => {
  it('gives the same top passages and scores for any query, with prefix and typo expansion', () => {
    const index = SopIndex.fromPassages(passages);
    const mini = reference(passages);
    fc.assert(fc.property(queryTerms(), (terms) => expectSameRanking(index, mini, terms)), { numRuns: 150 });
  });

  it('keeps the lane filter', () => {
    const index = SopIndex.fromPassages(passages);
    const mini = reference(passages);
    fc.assert(fc.property(queryTerms(), fc.constantFrom('support-replies', 'lead-routing', 'rfq-response'), (terms, lane) => expectSameRanking(index, mini, terms, lane)), { numRuns: 60 });
  });

  it('stays equal after an SOP is taken out, and after a snapshot is loaded', () => {
    const index = SopIndex.fromPassages(passages);
    const gone = passages[0]!.sopId;
    index.removeSop(gone);
    const kept = passages.filter((p) => p.sopId !== gone);
    const mini = reference(kept);
    const loaded = SopIndex.fromSnapshot(structuredClone(index.snapshot()));
    if (!loaded.ok) throw new Error(loaded.error.message);
    fc.assert(
      fc.property(queryTerms(), (terms) => {
        expectSameRanking(index, mini, terms);
        expectSameRanking(loaded.value, mini, terms);
      }),
      { numRuns: 80 },
    );
  });

  it('returns a routed passage the words missed, unscored, and a matched one with its score', () => {
    const tagged = passages.find((p) => (p.tags ?? []).length > 0)!;
    const index = SopIndex.fromPassages(passages);
    const { hits } = index.search(['zzzunrelated'], { limit: 5, tags: [tagged.tags![0]!] });
    expect(hits.find((h) => h.passage.id === tagged.id)).toMatchObject({ score: 0, routed: true, queryTerms: [] });
    const word = indexTerms(tagged.text).find((t) => index.idf(t) > 1)!;
    const matched = index.search([word], { limit: 0, tags: [tagged.tags![0]!] }).hits.find((h) => h.passage.id === tagged.id)!;
    expect(matched.score).toBeGreaterThan(0);
    expect(matched.queryTerms).toEqual([word]);
  });
});
