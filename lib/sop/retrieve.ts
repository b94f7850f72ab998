import type { RetrievedPassage, Retrieval } from '@/lib/schemas/sop';
import type { SopIndex } from './sop-index';
import { termsOf } from './text-terms';

/**
 * Below this best score the SOPs do not answer the question: the panel says so instead of drafting from a weak
 * match. Calibrated on the sample SOPs (tests/unit/sop/grounding-calibration.test.ts): questions they answer score
 * well above it, questions they don't (sponsorship, hiring, weather...) well below.
 */
export const GROUNDING_THRESHOLD = 20;

/**
 * Share of the query's terms the best passage must match. BM25 scores grow with query length, so a long email about
 * something else (a sponsorship pitch) can score high on generic words; a passage that answers it matches a good
 * share of what it asks.
 */
export const MIN_TERM_COVERAGE = 0.34;

/** The query is at most this many distinct terms: enough for an email's gist, bounded for latency. */
export const MAX_QUERY_TERMS = 32;
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
  /** Overrides the calibrated threshold (a lane's minimum grounding score). */
  threshold?: number;
}

/** Top-k passages for a query, with the "grounded" verdict the panel uses to abstain. */
export function retrieve(index: SopIndex, query: string, { lane, k = 5, threshold = GROUNDING_THRESHOLD }: RetrieveOptions = {}): Retrieval {
  const started = performance.now();
  const terms = termsOf(query).slice(0, MAX_QUERY_TERMS);
  const { hits, searched } = terms.length === 0 ? { hits: [], searched: [] } : index.search(terms, { lane, limit: k });
  const termSet = new Set(terms);
  const passages: RetrievedPassage[] = hits.map((hit) => ({
    ...hit.passage,
    score: hit.score,
    matchText: matchTextOf(hit.passage.text, termSet),
  }));
  const bestScore = passages[0]?.score ?? 0;
  // Bare numbers (order ids, dates) say nothing about which procedure applies: they do not count against coverage.
  // Terms too common to search with (see SopIndex) do not count either.
  const wordTerms = searched.filter((t) => !/^\d+$/.test(t)).length;
  const coverage = hits[0] && wordTerms > 0 ? hits[0].queryTerms.filter((t) => !/^\d+$/.test(t)).length / wordTerms : 0;
  return { passages, grounded: bestScore >= threshold && coverage >= MIN_TERM_COVERAGE, bestScore, ms: performance.now() - started };
}
