// Question-to-SOP retrieval and the grounded/abstain verdict, on real support questions and the articles that answer
// them (TechQA by default; BENCH_QA_DIR points at another set in the same layout). See tests/fixtures/corpora/README.md.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { createHash } from 'node:crypto';
import { chunkSop } from '@/lib/sop/chunk';
import { parseSopFile } from '@/lib/sop/parse/parse-sop-file';
import { DEFAULT_GROUNDING_FLOOR, queryFromText, retrieve } from '@/lib/sop/retrieve';
import { SopIndex } from '@/lib/sop/sop-index';
import type { Passage } from '@/lib/schemas/sop';
import { round, type Figure } from './figures';

const TECHQA = path.resolve(import.meta.dirname, '../tests/fixtures/corpora/techqa');

export interface QaQuestion {
  question: string;
  /** The article that answers it, or null when none does (abstention is the right answer). */
  article: string | null;
}

interface QaSet {
  name: string;
  articles: Array<{ name: string; text: string }>;
  questions: QaQuestion[];
}

export function qaSetFrom(dir: string): QaSet {
  const articleDir = path.join(dir, 'articles');
  const articles = readdirSync(articleDir).filter((n) => n.endsWith('.md')).map((name) => ({ name, text: readFileSync(path.join(articleDir, name), 'utf8') }));
  const questions = readFileSync(path.join(dir, 'questions.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as QaQuestion);
  return { name: path.basename(dir), articles, questions };
}

/**
 * The development third (by a hash of the question) is what the floor and ranking were tuned on; figures are reported
 * on the other two thirds, which no tuning looked at.
 */
export const isDevelopment = (question: string): boolean => createHash('sha256').update(question).digest()[0]! % 3 === 0;

async function passagesOf(set: QaSet): Promise<Passage[]> {
  const passages: Passage[] = [];
  for (const article of set.articles) {
    const parsed = await parseSopFile(article.name, new TextEncoder().encode(article.text));
    if (!parsed.ok) throw new Error(`${article.name}: ${parsed.error.message}`);
    passages.push(...chunkSop({ sopId: article.name, sopVersion: 1, sopTitle: parsed.value.title, lanes: [], text: parsed.value.text }));
  }
  return passages;
}

export interface QaScores {
  recallAt1: number;
  recallAt5: number;
  baselineRecallAt5: number;
  falseAbstain: number;
  falseAnswer: number;
  answerable: number;
  unanswerable: number;
}

/** Retrieval and grounding over one split, the product's way (query from the text, default floor), and the baseline. */
export async function scoreQa(set: QaSet, split: 'development' | 'held-out', floor = DEFAULT_GROUNDING_FLOOR): Promise<QaScores> {
  const passages = await passagesOf(set);
  const index = SopIndex.fromPassages(passages);
  // The plain baseline: MiniSearch with default options over the same passages, queried with the raw question.
  const plain = new MiniSearch<Passage>({ fields: ['sopTitle', 'text'], storeFields: ['sopId'], extractField: (doc, field) => (doc as unknown as Record<string, string>)[field] ?? '' });
  plain.addAll(passages);
  const questions = set.questions.filter((q) => isDevelopment(q.question) === (split === 'development'));
  let at1 = 0, at5 = 0, base5 = 0, abstained = 0, answeredWrongly = 0, answerable = 0, unanswerable = 0;
  for (const { question, article } of questions) {
    const result = retrieve(index, queryFromText(question), { k: 5, floor });
    if (article === null) {
      unanswerable++;
      if (result.grounded) answeredWrongly++;
      continue;
    }
    answerable++;
    const top = result.passages.map((p) => p.sopId);
    if (top[0] === article) at1++;
    if (top.includes(article)) at5++;
    if (!result.grounded) abstained++;
    const baseTop = [...new Set(plain.search(question).map((h) => h.sopId as string))].slice(0, 5);
    if (baseTop.includes(article)) base5++;
  }
  return {
    recallAt1: at1 / answerable, recallAt5: at5 / answerable, baselineRecallAt5: base5 / answerable,
    falseAbstain: abstained / answerable, falseAnswer: unanswerable === 0 ? 0 : answeredWrongly / unanswerable, answerable, unanswerable,
  };
}

export async function sopQaFigures(): Promise<Figure[]> {
  const dir = process.env.BENCH_QA_DIR;
  const set = qaSetFrom(dir ?? TECHQA);
  const s = await scoreQa(set, 'held-out');
  const on = `${set.name}, held-out two thirds (${s.answerable} answerable, ${s.unanswerable} unanswerable questions), product path: queryFromText → retrieve, no category (the set has none), default floor ${DEFAULT_GROUNDING_FLOOR}`;
  return [
    { name: 'retrieval_recall_at_1', value: round(s.recallAt1, 3), unit: `ratio, ${on}` },
    { name: 'retrieval_recall_at_5', value: round(s.recallAt5, 3), unit: `ratio, ${on}`, target: '>= 0.93' },
    { name: 'retrieval_recall_at_5_plain_minisearch', value: round(s.baselineRecallAt5, 3), unit: `ratio, same questions, MiniSearch default options over the same passages, raw question (baseline)` },
    { name: 'retrieval_recall_at_5_above_baseline', value: round(s.recallAt5 - s.baselineRecallAt5, 3), unit: 'ratio points, recall@5 minus the plain baseline of the same run', target: '> 0' },
    { name: 'grounding_false_abstain_rate', value: round(s.falseAbstain, 3), unit: `share of answerable questions abstained, ${on}`, target: '<= 0.05' },
    { name: 'grounding_false_answer_rate', value: round(s.falseAnswer, 3), unit: `share of unanswerable questions grounded, ${on}`, target: '<= 0.3' },
  ];
}
