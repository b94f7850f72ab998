// Time from a thread opening to the first draft text in the panel: the local engine in Chromium with the
// built extension and the sample SOPs, and the Claude engine's overhead over a fixed 200 ms first byte.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createClaudeEngine } from '@/lib/engine/claude/claude-engine';
import { createLocalEngine } from '@/lib/engine/local/local-engine';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { chunkSop } from '@/lib/sop/chunk';
import { parseSopFile } from '@/lib/sop/parse/parse-sop-file';
import { queryFromText, retrieve } from '@/lib/sop/retrieve';
import { SopIndex } from '@/lib/sop/sop-index';
import type { TriageInput } from '@/lib/schemas/triage-input';
import { launchWithExtension } from '../tests/support/chromium';
import { loadSampleSops } from '../tests/support/extension-pages';
import { startFakeAnthropic } from '../tests/support/fake-anthropic';
import { gmailFixtureDir, serveGmailWorkspace } from '../tests/support/gmail-workspace';
import { inboxPage, timeThreadOpening } from './thread-opening';
import { percentiles, round, type Figure } from './figures';

const OPENINGS = 24;
const WARMUP = 3;
const REFUND = 'e7cc78b40b7bf13c';
const FIRST_BYTE_MS = 200;

/** Fresh thread ids, each the refund thread under another id, so every opening really drafts. */
function freshThreads(count: number): Record<string, string> {
  const html = readFileSync(path.join(gmailFixtureDir, 'thread-2024-layout-refund.html'), 'utf8');
  const threads: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const id = `bench${String(i).padStart(11, '0')}`;
    threads[id] = html.replaceAll(REFUND, id);
  }
  return threads;
}

async function localFirstToken(): Promise<number[]> {
  const { context, extensionId } = await launchWithExtension({ headless: true });
  try {
    const threads = freshThreads(OPENINGS + WARMUP);
    await serveGmailWorkspace(context, { extraThreads: threads });
    await loadSampleSops(context, extensionId);
    const page = await inboxPage(context);
    const samples: number[] = [];
    let n = 0;
    for (const id of Object.keys(threads)) {
      const ms = await timeThreadOpening(page, id, 'first-draft-text');
      if (n++ >= WARMUP) samples.push(ms);
    }
    return samples;
  } finally {
    await context.close();
  }
}

/**
 * The Claude engine through the real SDK against the fake API answering after 200 ms: the time to the
 * first draft text minus that delay is what the engine adds (request building, SSE parsing, sentence streaming).
 * Measured in Node: the extension's route to the fake would buffer the stream, hiding the first token.
 */
async function sampleSopIndex(): Promise<SopIndex> {
  const dir = path.resolve(import.meta.dirname, '../public/samples/sops');
  const index = SopIndex.empty();
  for (const name of readdirSync(dir)) {
    const parsed = await parseSopFile(name, new Uint8Array(readFileSync(path.join(dir, name))));
    if (!parsed.ok) throw new Error(`${name}: ${parsed.error.message}`);
    index.add(chunkSop({ sopId: name.replace(/\.md$/, ''), sopVersion: 1, sopTitle: parsed.value.title, lanes: parsed.value.meta.lanes, text: parsed.value.text }));
  }
  return index;
}

async function claudeOverhead(): Promise<number[]> {
  const fake = await startFakeAnthropic({ firstByteDelayMs: FIRST_BYTE_MS });
  try {
    const truth = JSON.parse(readFileSync(path.join(gmailFixtureDir, 'thread-2024-layout-refund.truth.json'), 'utf8')) as {
      subject: string;
      messages: { from: { name: string; email: string }; date: string | null; bodyText?: string }[];
    };
    const input: TriageInput = { source: 'gmail', subject: truth.subject, messages: truth.messages.map((m) => ({ from: m.from, date: m.date, text: m.bodyText ?? '' })) };
    const classified = await createLocalEngine().classify(input, defaultLanes);
    if (!classified.ok) throw new Error(classified.error.message);
    const lane = defaultLanes.find((l) => l.id === classified.value.lane.value) ?? defaultLanes[1]!;
    // The prompt the product sends: the passages triage retrieves for this thread from the sample SOPs.
    const retrieval = retrieve(await sampleSopIndex(), queryFromText(`${input.subject}\n${input.messages.at(-1)?.text ?? ''}`), { lane: lane.id, k: 5 });
    if (!retrieval.grounded || retrieval.passages.length === 0) throw new Error('the refund thread did not ground on the sample SOPs');
    const engine = createClaudeEngine(
      { apiKey: 'sk-ant-bench', classifyModel: 'claude-haiku-4-5', draftModel: 'claude-sonnet-4-6', baseUrl: fake.url },
      { maxRetries: 0, timeoutMs: 10_000 },
    );
    const samples: number[] = [];
    for (let i = 0; i < OPENINGS + WARMUP; i++) {
      const begun = performance.now();
      let first = 0;
      const result = await engine.draft({ input, classification: classified.value, lane, retrieval, onText: () => (first ||= performance.now()) });
      if (!result.ok) throw new Error(result.error.message);
      if (!first) throw new Error('the Claude draft produced no text');
      if (i >= WARMUP) samples.push(first - begun - FIRST_BYTE_MS);
    }
    return samples;
  } finally {
    await fake.close();
  }
}

export async function draftFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  try {
    const local = percentiles(await localFirstToken());
    figures.push(
      { name: 'first_token_ms_p50_local', value: round(local.p50, 1), unit: 'ms' },
      { name: 'first_token_ms_p95_local', value: round(local.p95, 1), unit: 'ms', target: '< 150' },
    );
  } catch (error) {
    const reason = `local draft bench failed: ${error instanceof Error ? error.message : String(error)}`;
    figures.push({ name: 'first_token_ms_p50_local', value: null, unit: 'ms', reason }, { name: 'first_token_ms_p95_local', value: null, unit: 'ms', reason });
  }
  try {
    const overhead = percentiles(await claudeOverhead());
    figures.push({ name: 'first_token_overhead_ms_p95_claude', value: round(overhead.p95, 1), unit: 'ms over a 200 ms first byte: the grounded draft request the product sends (refund thread, 5 passages retrieved from the sample SOPs), real SDK in Node against the fake Messages API', target: '< 40' });
  } catch (error) {
    figures.push({ name: 'first_token_overhead_ms_p95_claude', value: null, unit: 'ms', reason: `Claude draft bench failed: ${error instanceof Error ? error.message : String(error)}` });
  }
  return figures;
}
