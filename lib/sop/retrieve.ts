import type { Classification } from '@/lib/schemas/classification';
import type { Lane } from '@/lib/schemas/lane';
import { findCategory, sopTagsOf } from '@/lib/lanes/taxonomy';
import type { Passage, RetrievedPassage, Retrieval } from '@/lib/schemas/sop';
import type { SopIndex } from './sop-index';
import { termsOf } from './text-terms';
import { isTemplatePassage } from './reply-templates';
import { detectLanguage } from '@/lib/engine/local/language-detection';

/**
 * The grounding floor when no lane sets one: a 0–1 grounding score under it means the SOPs do not answer, and the
 * panel says so instead of drafting from a weak match. Calibrated on the development third of TechQA (bench/sop-qa.ts)
 * and the sample SOPs' questions (tests/unit/sop/retrieve.test.ts).
 */
export const DEFAULT_GROUNDING_FLOOR = 0.35;

/** The query is at most this many distinct terms: enough for an email's gist, bounded for latency. */
export const MAX_QUERY_TERMS = 64;
/** Characters of the latest message kept for the query. */
export const MAX_QUERY_CHARS = 1500;

const QUOTE_HEADER = [
  /^On .{4,200}wrote:\s*$/m,
  /^Am .{4,200}schrieb .{1,100}:\s*$/m,
  /^Le .{4,200}a écrit\s*:\s*$/m,
  /^-{2,}\s*Original Message\s*-{2,}/im,
  /^-{2,}\s*Forwarded message\s*-{2,}/im,
  /^From:\s.+\n(?:.+\n){0,3}?(?:Sent|Date):\s/m,
  /^_{8,}\s*$/m,
];

/**
 * The part of an email worth searching with: the latest message only (quoted history, forwarded blocks and
 * the signature dropped), capped in length.
 */
export function queryFromText(text: string): string {
  let latest = text.replace(/\r\n?/g, '\n');
  for (const pattern of QUOTE_HEADER) {
    const match = pattern.exec(latest);
    if (match && match.index > 0) latest = latest.slice(0, match.index);
  }
  const signature = /^--\s*$/m.exec(latest);
  if (signature && signature.index > 0) latest = latest.slice(0, signature.index);
  const lines = latest.split('\n').filter((line) => !/^\s*>/.test(line));
  return lines.join(' ').replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_CHARS);
}

/** The one or two lines of a passage holding the most query terms, in passage order. */
export function matchTextOf(text: string, queryTerms: ReadonlySet<string>, maxChars = 320): string {
  const lines = text.split(/\n+|(?<=[.!?])\s+(?=[A-Z0-9"“(])/).map((l) => l.trim()).filter(Boolean);
  const scored = lines.map((line, at) => ({ line, at, hits: termsOf(line).filter((t) => queryTerms.has(t)).length }));
  const best = [...scored].sort((a, b) => b.hits - a.hits || a.at - b.at).slice(0, 2).filter((s, i) => i === 0 || s.hits > 0);
  const chosen = best.sort((a, b) => a.at - b.at).map((s) => s.line).join(' … ');
  return chosen.length > maxChars ? `${chosen.slice(0, maxChars - 1)}…` : chosen;
}

export interface RetrieveOptions {
  lane?: string;
  k?: number;
  /** The lane's grounding floor (its `minGroundingScore`, 0–1). */
  floor?: number;
  /** What the classifier said: passages of sections tagged with this category are routed to and count as evidence. */
  category?: {
    id: string;
    confidence: number;
    /** The SOP section tags that answer the category (the lane data's sopTags); the id when absent. */
    tags?: string[];
    /** The message's language (ISO 639-1). */
    language?: string;
  };
}

/**
 * Top-k passages for a query, and the grounded verdict on a 0–1 score. Each passage's grounding is a noisy-or of two
 * pieces of evidence: its relevance (the share of the query's information, weighted by IDF, that it matches) and,
 * when its section is tagged with the classified category, the classifier's confidence. So a German email about a
 * late delivery is grounded by its category on the English SOP's tagged section, and a question the words answer is
 * grounded by its words with no tag at all. Reply templates are not passages to cite: the draft takes them apart.
 */
export function retrieve(index: SopIndex, query: string, { lane, k = 5, floor = DEFAULT_GROUNDING_FLOOR, category }: RetrieveOptions = {}): Retrieval {
  const started = performance.now();
  const terms = termsOf(query).slice(0, MAX_QUERY_TERMS);
  const tags = category ? (category.tags ?? [category.id]) : [];
  const { hits, searched } = index.search(terms, { lane, limit: k * 3, tags });
  // Bare numbers (order ids, dates) say nothing about which procedure applies: they carry no weight.
  const weight = (terms: Iterable<string>) => [...new Set(terms)].filter((t) => !/^\d+$/.test(t)).reduce((sum, t) => sum + index.idf(t), 0);
  const total = weight(searched);
  const relevanceOf = (matched: string[]) => (total === 0 ? 0 : weight(matched) / total);
  const bestBm25 = Math.max(0, ...hits.map((h) => h.score));
  const routing = category ? category.confidence : 0;
  const termSet = new Set(terms);
  const scored = hits
    .filter((hit) => !isTemplatePassage(hit.passage))
    .map((hit) => {
      const relevance = Math.min(1, relevanceOf(hit.queryTerms));
      // In the SOP's own language the route must be borne out by some of the words; across languages it cannot be,
      // and the category alone carries it.
      const sameLanguage = !category?.language || languageOf(hit.passage) === category.language;
      const routed = hit.routed ? routing * (sameLanguage ? Math.min(1, relevance / ROUTE_SUPPORT) : 1) : 0;
      const grounding = 1 - (1 - relevance) * (1 - routed);
      // Order: the words first (BM25 relative to the best hit), lifted by the route when the classifier is sure.
      const rank = (bestBm25 > 0 ? hit.score / bestBm25 : 0) + routed;
      return { hit, relevance, routed, grounding, rank };
    })
    .sort((a, b) => b.rank - a.rank || b.hit.score - a.hit.score);
  const ranked = diverse(scored, k);
  const passages: RetrievedPassage[] = ranked.map(({ hit, grounding }) => ({
    ...hit.passage,
    score: hit.score,
    grounding: round(grounding),
    matchText: matchTextOf(hit.passage.text, termSet),
  }));
  const best = ranked.reduce<(typeof ranked)[number] | null>((top, r) => (top && top.grounding >= r.grounding ? top : r), null);
  const groundingScore = round(best?.grounding ?? 0);
  return {
    passages,
    grounded: passages.length > 0 && groundingScore >= floor,
    groundingScore,
    floor,
    basis: best ? { relevance: round(best.relevance), categoryMatch: best.routed > 0, categoryConfidence: round(routing) } : null,
    sopLanguage: passages[0] ? languageOf(passages[0]) : null,
    bestScore: Math.max(0, ...passages.map((p) => p.score)),
    ms: performance.now() - started,
  };
}

/** Retrieval for a classified thread: its lane's SOPs and floor, routed by its category. */
export function retrieveForClassification(index: SopIndex, query: string, classification: Classification, lanes: readonly Lane[], k = 5): Retrieval {
  const lane = lanes.find((l) => l.id === classification.lane.value);
  const placed = findCategory(lanes, classification.category.value);
  return retrieve(index, query, {
    lane: classification.lane.value,
    k,
    floor: lane?.qualityChecks.minGroundingScore ?? DEFAULT_GROUNDING_FLOOR,
    category: {
      id: classification.category.value,
      confidence: classification.category.confidence,
      tags: placed ? sopTagsOf(placed.category) : undefined,
      language: classification.language.value,
    },
  });
}

/** Relevance at which a routed passage in the message's own language gets the classifier's full confidence. */
const ROUTE_SUPPORT = 0.25;

const languages = new Map<string, string>();
/** A passage's language, remembered by id (passages are immutable per version). */
function languageOf(passage: Passage): string {
  let language = languages.get(passage.id);
  if (!language) {
    language = detectLanguage(passage.text).value;
    if (languages.size > 50_000) languages.clear();
    languages.set(passage.id, language);
  }
  return language;
}

/** At most this many passages of one SOP in the top k, so one long article cannot crowd out the one that answers. */
const PER_SOP = 2;

function diverse<T extends { hit: { passage: Passage } }>(sorted: T[], k: number): T[] {
  const perSop = new Map<string, number>();
  const picked: T[] = [];
  const rest: T[] = [];
  for (const item of sorted) {
    const n = perSop.get(item.hit.passage.sopId) ?? 0;
    if (n < PER_SOP) {
      perSop.set(item.hit.passage.sopId, n + 1);
      picked.push(item);
    } else rest.push(item);
    if (picked.length === k) return picked;
  }
  return [...picked, ...rest].slice(0, k);
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Which passages a reply stands on: what it may state, whose instructions the rep gets, what the customer is asked. */
export interface Footing {
  /** A retrieved passage the reply stands on. */
  passage(p: RetrievedPassage): boolean;
  /** Another passage of the library (what an SOP says to ask for) that belongs with them. */
  companion(p: Passage): boolean;
}

/**
 * The reply stands on the retrieved passages at or above the floor, not on the SOPs they are in: top-k retrieval
 * also brings in weaker passages (a refund thread's "check" pulls in the account-access checks; a late delivery
 * pulls in the same SOP's damaged-orders section), whose instructions are not the rep's to follow on this thread,
 * nor what the customer is asked for. When the category's own sections are among them, a section tagged only for
 * other categories is left out even when its words match (a double charge's "refund" matches the refunds SOP).
 */
export function footingOf(retrieval: Pick<Retrieval, 'passages' | 'floor'>, routeTags: readonly string[]): Footing {
  const route = new Set(routeTags);
  const routed = (p: Passage) => (p.tags ?? []).some((t) => route.has(t));
  const grounded = retrieval.passages.filter((p) => (p.grounding ?? 0) >= retrieval.floor);
  const ownSections = grounded.some(routed);
  const elsewhere = (p: Passage) => ownSections && (p.tags ?? []).length > 0 && !routed(p);
  const standing = new Set(grounded.filter((p) => !elsewhere(p)).map((p) => p.id));
  const sopIds = new Set(grounded.filter((p) => standing.has(p.id)).map((p) => p.sopId));
  return {
    passage: (p) => standing.has(p.id),
    companion: (p) => sopIds.has(p.sopId) && !elsewhere(p),
  };
}
