import { z } from 'zod';
import type { AuditRow } from '@/lib/schemas/audit';
import { termsOf } from '@/lib/sop/text-terms';

/**
 * SOP gaps: the questions the SOPs did not ground and the drafts reps rejected for their policy, grouped by what they
 * ask, so the admin sees which SOP to write next.
 *
 * A thread is a gap when, in the range, a draft for it was generated without grounding (the SOPs did not cover the
 * question: the holding reply) or a rep rejected its draft for "Wrong or missing policy". The audit log says which threads and
 * lanes (it holds no mail text); what they ask comes from the thread's subject line (the seen-threads table), the
 * engine's two-line summary of its latest draft, and the rep's rejection notes, all of which the retention period
 * deletes with the audit rows. Nothing older than the retention cutoff is shown even if the purge has not run yet.
 *
 * Grouping: each thread's text becomes its set of search terms (the SOP index's own: stop words out, light stemming;
 * the company's own name, from its mail domains, out too). Two threads are alike when the Jaccard index of those sets
 * (shared terms over all terms) is at least GAP_SIMILARITY, or when their subject lines alone share at least
 * SUBJECT_SHARED terms and a Jaccard index of SUBJECT_SIMILARITY (the subject is the customer's own headline; the
 * summary is an extract that may miss the question). Groups are the connected threads (single link): a chain of alike
 * questions is one gap. Deterministic, no model; only threads sharing a term are compared (an inverted index), and
 * retention keeps the number of gap threads small.
 */

/**
 * Jaccard index at or above which two questions are the same gap. Measured on the engine's summaries: two customers
 * asking to sponsor a charity gala, in their own words, share 0.24 of their terms; unrelated support questions share
 * 0 to 0.1 (a company name, a leftover greeting). 0.2 sits between.
 */
export const GAP_SIMILARITY = 0.2;
/** "Charity gala sponsorship" and "Sponsoring our charity gala" share 2 of 4 terms; "Question" and "A question" share
 * all of their one, which says nothing: hence two terms at least. */
export const SUBJECT_SIMILARITY = 0.5;
export const SUBJECT_SHARED = 2;
/** Examples shown per group. */
const EXAMPLES = 3;
/** Words named per group, at most: the ones most of its threads use. */
const LABEL_WORDS = 4;

/** What a draft record must hold for the gaps: its thread, when, and the engine's summary of the question. */
export const gapDraftSchema = z.object({
  subjectId: z.string(),
  createdAt: z.number(),
  triage: z.object({ classification: z.object({ summary: z.string() }) }),
});

export interface GapTexts {
  /** Subject line per thread id ("gmail:<id>"). */
  subjects: ReadonlyMap<string, string>;
  /** Per thread id, the engine's summary of its latest draft's question. */
  questions: ReadonlyMap<string, string>;
  /** Per thread id, the reps' notes on drafts they rejected. */
  notes: ReadonlyMap<string, readonly string[]>;
  /** The company's own mail domains: their names ("northwind-supply") are in every customer's mail, not in a question. */
  ownDomains?: readonly string[];
}

export interface GapQuery {
  from: number;
  to: number;
  lane?: string;
  /** The retention cutoff, epoch ms: nothing before it is shown. */
  keepFrom: number;
}

export interface GapGroup {
  /** The words most of the group's threads use, in the mail's own spelling. */
  words: string[];
  threads: number;
  ungrounded: number;
  rejectedForPolicy: number;
  /** Lane ids, in order of first appearance. */
  lanes: string[];
  /** Subject lines of the most recent threads. */
  examples: string[];
  latest: number;
}

interface GapThread {
  id: string;
  lane: string;
  latest: number;
  ungrounded: boolean;
  rejectedForPolicy: boolean;
  terms: Set<string>;
  subjectTerms: Set<string>;
  /** Each term's first spelling in the thread's text, for the group's words. */
  spelling: Map<string, string>;
  subject: string;
}

/** The labels of the engine's two-line summary ("Ask: …", "Subject: …"): in every summary, so no sign of likeness. */
const SUMMARY_LABELS = /^(Ask|Subject): /gm;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;

function describe(text: string, ignored: ReadonlySet<string> = new Set()): { terms: Set<string>; spelling: Map<string, string> } {
  const spelling = new Map<string, string>();
  for (const word of text.replace(SUMMARY_LABELS, '').match(WORD) ?? []) {
    const term = termsOf(word)[0];
    if (term && !ignored.has(term) && !spelling.has(term)) spelling.set(term, word.toLowerCase());
  }
  return { terms: new Set(spelling.keys()), spelling };
}

/** The terms of the company's own names, from its mail domains less their last label ("northwind-supply.example"). */
export function ownNameTerms(domains: readonly string[]): Set<string> {
  return new Set(domains.flatMap((d) => termsOf(d.split('.').slice(0, -1).join(' '))));
}

/** The terms a question is compared by. */
export const questionTerms = (text: string, ownDomains: readonly string[] = []): Set<string> => describe(text, ownNameTerms(ownDomains)).terms;

const sharedCount = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared;
};

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const shared = sharedCount(a, b);
  return shared / (a.size + b.size - shared);
}

/** The gap threads of the range, from the audit rows (in append order) and the texts kept about them. */
function gapThreads(rows: readonly AuditRow[], texts: GapTexts, q: GapQuery): GapThread[] {
  const ignored = ownNameTerms(texts.ownDomains ?? []);
  const found = new Map<string, { lane: string; latest: number; ungrounded: boolean; rejectedForPolicy: boolean }>();
  for (const row of rows) {
    if (row.subject === null || row.at < q.keepFrom || row.at < q.from || row.at >= q.to) continue;
    if (q.lane !== undefined && row.lane !== q.lane) continue;
    const ungrounded = row.kind === 'draft.generated' && row.data.failed === undefined && (row.data.grounded === false || row.data.abstained === true);
    const rejected = row.kind === 'draft.rejected' && row.data.reason === 'wrong_policy';
    if (!ungrounded && !rejected) continue;
    const t = found.get(row.subject) ?? { lane: row.lane ?? '', latest: row.at, ungrounded: false, rejectedForPolicy: false };
    t.lane = row.lane ?? t.lane;
    t.latest = row.at;
    t.ungrounded ||= ungrounded;
    t.rejectedForPolicy ||= rejected;
    found.set(row.subject, t);
  }
  return [...found].map(([id, t]) => {
    const subject = texts.subjects.get(id) ?? '';
    const text = [subject, texts.questions.get(id) ?? '', ...(texts.notes.get(id) ?? [])].join('\n');
    return { id, ...t, subject: subject || '(subject no longer kept)', subjectTerms: describe(subject, ignored).terms, ...describe(text, ignored) };
  });
}

function alike(a: GapThread, b: GapThread): boolean {
  if (jaccard(a.terms, b.terms) >= GAP_SIMILARITY) return true;
  const shared = sharedCount(a.subjectTerms, b.subjectTerms);
  return shared >= SUBJECT_SHARED && shared / (a.subjectTerms.size + b.subjectTerms.size - shared) >= SUBJECT_SIMILARITY;
}

/**
 * Among many gap threads, a term in more than half of them ("order", a product line everyone writes about) tells no
 * question from another: it is dropped, as a stop word of this set. Under MIN_THREADS_FOR_COMMON every term counts.
 */
const MIN_THREADS_FOR_COMMON = 10;
function withoutCommonTerms(threads: GapThread[]): GapThread[] {
  if (threads.length < MIN_THREADS_FOR_COMMON) return threads;
  const df = new Map<string, number>();
  for (const t of threads) for (const term of t.terms) df.set(term, (df.get(term) ?? 0) + 1);
  const common = new Set([...df].filter(([, n]) => n > threads.length / 2).map(([term]) => term));
  if (common.size === 0) return threads;
  const keep = (terms: Set<string>) => new Set([...terms].filter((term) => !common.has(term)));
  return threads.map((t) => ({ ...t, terms: keep(t.terms), subjectTerms: keep(t.subjectTerms) }));
}

/** The range's SOP gaps, largest group first (then the most recent). */
export function sopGaps(rows: readonly AuditRow[], texts: GapTexts, query: GapQuery): GapGroup[] {
  const threads = withoutCommonTerms(gapThreads(rows, texts, query));
  // Union-find over alike pairs.
  const parent = threads.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  // Only threads sharing a term can be alike (the subject's terms are among the text's): compare those pairs alone.
  const postings = new Map<string, number[]>();
  threads.forEach((t, i) => {
    for (const term of t.terms) {
      const list = postings.get(term);
      if (list) list.push(i);
      else postings.set(term, [i]);
    }
  });
  threads.forEach((t, i) => {
    const compared = new Set<number>();
    for (const term of t.terms) {
      for (const j of postings.get(term) ?? []) {
        if (j <= i || compared.has(j)) continue;
        compared.add(j);
        // Already in one group: single link needs no more evidence.
        if (root(i) !== root(j) && alike(t, threads[j]!)) parent[root(j)] = root(i);
      }
    }
  });
  const groups = new Map<number, GapThread[]>();
  threads.forEach((t, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), t]));
  return [...groups.values()]
    .map((members): GapGroup => {
      const byRecent = [...members].sort((a, b) => b.latest - a.latest);
      return {
        words: groupWords(members),
        threads: members.length,
        ungrounded: members.filter((m) => m.ungrounded).length,
        rejectedForPolicy: members.filter((m) => m.rejectedForPolicy).length,
        lanes: [...new Set(members.map((m) => m.lane))],
        examples: [...new Set(byRecent.map((m) => m.subject))].slice(0, EXAMPLES),
        latest: byRecent[0]!.latest,
      };
    })
    .sort((a, b) => b.threads - a.threads || b.latest - a.latest);
}

/** The terms used by more than half the threads of a group, most used first (ties: first met), as the mail spells them. */
function groupWords(members: readonly GapThread[]): string[] {
  const count = new Map<string, number>();
  for (const m of members) for (const t of m.terms) count.set(t, (count.get(t) ?? 0) + 1);
  return [...count]
    .filter(([, n]) => n > members.length / 2)
    .sort((a, b) => b[1] - a[1])
    .slice(0, LABEL_WORDS)
    .map(([t]) => members.find((m) => m.spelling.has(t))!.spelling.get(t)!);
}
