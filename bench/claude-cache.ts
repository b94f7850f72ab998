// Claude's prompt cache over a replay: every thread of the Gmail fixtures triaged (classify, then draft) twice, with
// the same lanes and the sample SOPs, by the Claude engine through the real SDK in Node against the stand-in API,
// which reports cache writes and reads the way Anthropic's does (tests/support/fake-anthropic.ts: a prefix up to a
// cache_control breakpoint is read when the same prefix was written before, and written when it is long enough).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createClaudeEngine } from '@/lib/engine/claude/claude-engine';
import { priceFor, type UsageRecord } from '@/lib/engine/claude/usage';
import { createLocalEngine } from '@/lib/engine/local/local-engine';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import type { TriageInput } from '@/lib/schemas/triage-input';
import { chunkSop } from '@/lib/sop/chunk';
import { parseSopFile } from '@/lib/sop/parse/parse-sop-file';
import { queryFromText, retrieveForClassification } from '@/lib/sop/retrieve';
import { isTemplatePassage } from '@/lib/sop/reply-templates';
import { wholeLaneLibrary } from '@/lib/engine/claude/prompt';
import type { Passage } from '@/lib/schemas/sop';
import { SopIndex } from '@/lib/sop/sop-index';
import { startFakeAnthropic } from '../tests/support/fake-anthropic';
import { gmailFixtures } from '../tests/support/gmail-workspace';
import { round, type Figure } from './figures';

const CLASSIFY_MODEL = 'claude-haiku-4-5';
const DRAFT_MODEL = 'claude-sonnet-4-6';
/** Anthropic's smallest cacheable prompt: 4096 tokens for Haiku 4.5, 1024 for Sonnet 4.x (prompt-caching docs). */
const minCacheTokens = (model: string) => (/haiku-4-5/.test(model) ? 4096 : 1024);
const PASSES = 2;

async function samplePassages(): Promise<Passage[]> {
  const dir = path.resolve(import.meta.dirname, '../public/samples/sops');
  const passages: Passage[] = [];
  for (const name of readdirSync(dir)) {
    const parsed = await parseSopFile(name, new Uint8Array(readFileSync(path.join(dir, name))));
    if (!parsed.ok) throw new Error(`${name}: ${parsed.error.message}`);
    passages.push(...chunkSop({ sopId: name.replace(/\.md$/, ''), sopVersion: 1, sopTitle: parsed.value.title, lanes: parsed.value.meta.lanes, text: parsed.value.text }));
  }
  return passages;
}

interface TruthThread {
  view: string;
  subject?: string;
  messages?: { from: { name: string; email: string }; date: string | null; bodyText?: string }[];
}

/** Cost of a call had nothing been cached: every input token at the full rate. */
function uncachedCost(u: UsageRecord): number {
  const price = priceFor(u.model);
  if (!price) throw new Error(`no price for ${u.model}`);
  return ((u.input + u.cacheRead + u.cacheWrite) * price.input + u.output * price.output) / 1_000_000;
}

export async function claudeCacheFigures(): Promise<Figure[]> {
  const threads: TriageInput[] = gmailFixtures()
    .map((f) => f.truth as TruthThread)
    .filter((t) => t.view !== 'list' && t.subject !== undefined && t.messages?.length)
    .map((t) => ({ source: 'gmail', subject: t.subject!, messages: t.messages!.map((m) => ({ from: m.from, date: m.date, text: m.bodyText ?? '' })) }));
  const passages = await samplePassages();
  const index = SopIndex.fromPassages(passages);
  const local = createLocalEngine();
  const fake = await startFakeAnthropic({ minCacheTokens });
  const usage: UsageRecord[] = [];
  try {
    const engine = createClaudeEngine(
      { apiKey: 'sk-ant-bench', classifyModel: CLASSIFY_MODEL, draftModel: DRAFT_MODEL, baseUrl: fake.url },
      { maxRetries: 0, timeoutMs: 20_000, onUsage: (u) => usage.push(u) },
    );
    let triaged = 0;
    for (let pass = 0; pass < PASSES; pass++) {
      for (const input of threads) {
        const classified = await engine.classify(input, defaultLanes);
        if (!classified.ok) throw new Error(classified.error.message);
        // The lane the product drafts in: the local engine's, as in the product when Claude's agrees or is absent.
        const localClass = await local.classify(input, defaultLanes);
        if (!localClass.ok) throw new Error(localClass.error.message);
        const lane = defaultLanes.find((l) => l.id === classified.value.lane.value) ?? defaultLanes.find((l) => l.id === localClass.value.lane.value) ?? defaultLanes[0]!;
        // As the background does: retrieval routed by the local classification, the lane's SOPs whole when they fit.
        const retrieval = retrieveForClassification(index, queryFromText(`${input.subject}\n${input.messages.at(-1)?.text ?? ''}`), localClass.value, defaultLanes);
        const sopIds = new Set(retrieval.passages.map((p) => p.sopId));
        const templates = passages.filter((p) => sopIds.has(p.sopId) && isTemplatePassage(p));
        const laneLibrary = wholeLaneLibrary(passages, lane.id);
        const drafted = await engine.draft({ input, classification: classified.value, lane, retrieval, templates, laneLibrary, onText: () => undefined });
        if (!drafted.ok) throw new Error(drafted.error.message);
        triaged++;
      }
    }
    if (process.env.BENCH_DEBUG) for (const u of usage) console.log(u.call, u.model, 'input', u.input, 'read', u.cacheRead, 'write', u.cacheWrite);
    const sum = (f: (u: UsageRecord) => number) => usage.reduce((s, u) => s + f(u), 0);
    const allInput = sum((u) => u.input + u.cacheRead + u.cacheWrite);
    const withCache = sum((u) => u.costUsd ?? NaN);
    const without = sum(uncachedCost);
    const secondPass = usage.slice(usage.length / 2);
    const secondShare = secondPass.reduce((s, u) => s + u.cacheRead, 0) / secondPass.reduce((s, u) => s + u.input + u.cacheRead + u.cacheWrite, 0);
    const what = `${threads.length} fixture threads x ${PASSES} (Claude classify ${CLASSIFY_MODEL} + draft ${DRAFT_MODEL}, default lanes, sample SOPs; draft prompts as the background builds them: routed retrieval, the lane's SOPs whole in the cached system prompt), real SDK in Node against the stand-in API, cache floors 4096/1024 tokens`;
    return [
      { name: 'claude_cached_input_share', value: round(sum((u) => u.cacheRead) / allInput, 3), unit: `of input tokens read from the cache (${what})`, target: '>= 0.8' },
      { name: 'claude_cached_input_share_second_pass', value: round(secondShare, 3), unit: 'of input tokens read from the cache in the second pass alone' },
      ...(['classify', 'draft'] as const).map((call) => {
        const calls = usage.filter((u) => u.call === call);
        const share = calls.reduce((s, u) => s + u.cacheRead, 0) / calls.reduce((s, u) => s + u.input + u.cacheRead + u.cacheWrite, 0);
        const floor = minCacheTokens(call === 'classify' ? CLASSIFY_MODEL : DRAFT_MODEL);
        return { name: `claude_cached_input_share_${call}`, value: round(share, 3), unit: `of ${call} input tokens read from the cache (both passes; the model's cache floor is ${floor} tokens)` };
      }),
      { name: 'claude_input_tokens_replay', value: allInput, unit: `input tokens (${sum((u) => u.cacheRead)} read, ${sum((u) => u.cacheWrite)} written, ${sum((u) => u.input)} uncached; estimated as the stand-in does, 4 characters a token)` },
      { name: 'claude_cost_usd_per_thread_cached', value: round(withCache / triaged, 5), unit: 'USD per triaged thread with the prompt cache (list prices in lib/engine/claude/usage.ts)' },
      { name: 'claude_cost_usd_per_thread_uncached', value: round(without / triaged, 5), unit: 'USD per triaged thread had nothing been cached (same calls)' },
    ];
  } finally {
    await fake.close();
  }
}
