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

/**
 * What the drafts say, checked over every Gmail fixture thread and 250 generated support emails (EN and DE): asking for
 * what the email gave (by the generator's truth; for fixtures, by the facts the thread states), SOP instructions to the
 * agent in the reply, and unfilled placeholders that the Insert gate would let through with every box ticked.
 */
export async function draftCheckFigures(): Promise<Figure[]> {
  const { JSDOM } = await import('jsdom');
  const { readGmail } = await import('@/lib/sites/gmail/read-thread');
  const { toTriageInput } = await import('@/lib/sites/gmail/to-triage-input');
  const { runDraftPipeline } = await import('@/lib/drafting/draft-pipeline');
  const { readThreadFacts } = await import('@/lib/drafting/thread-facts');
  const { agentInstructions } = await import('@/lib/drafting/checklist');
  const { isAgentInstruction, replyAsksFor } = await import('@/lib/drafting/sop-sentences');
  const { unfilledPlaceholders } = await import('@/lib/drafting/placeholders');
  const { canInsert, requiredAcknowledgements } = await import('@/lib/review/policy');
  const { replyText } = await import('@/lib/review/reply-text');
  const { emptyReview } = await import('@/lib/schemas/draft-record');
  const { toTriageResult } = await import('@/lib/gmail-lane/background/triage-result');
  const { customerMessages } = await import('@/lib/engine/local/thread-text');
  const { generateSupportEmails } = await import('./generated-support-emails');
  const { loadSopFolder } = await import('../scripts/triage-inspect');

  const passages = await loadSopFolder(path.resolve(import.meta.dirname, '../public/samples/sops'));
  const instructionTexts = new Set(agentInstructions(passages, () => true).map((i) => i.text.toLowerCase()));
  const cases: Array<{ input: TriageInput; given: string[] | null }> = [];
  for (const name of readdirSync(gmailFixtureDir).filter((n) => n.endsWith('.html'))) {
    const dom = new JSDOM(readFileSync(path.join(gmailFixtureDir, name), 'utf8'));
    const read = readGmail(dom.window.document);
    dom.window.close();
    if (read.kind === 'thread') cases.push({ input: toTriageInput(read.thread), given: null });
  }
  const fixtureCount = cases.length;
  // BENCH_DRAFT_SEED draws another set of generated emails than the one the checks were developed on.
  const seed = Number(process.env.BENCH_DRAFT_SEED ?? 20261201);
  const generated = generateSupportEmails(250, seed);
  for (const email of generated) cases.push({ input: email.input, given: email.given });

  let drafts = 0;
  let asksGiven = 0;
  let leaks = 0;
  let unfilledInserted = 0;
  for (const c of cases) {
    const result = await runDraftPipeline(c.input, passages);
    if (!result.draft) continue;
    drafts++;
    const draft = result.draft;
    const given = new Set(c.given ?? readThreadFacts(c.input.subject, customerMessages(c.input)).facts.map((f) => f.key));
    const said = draft.sentences.filter((s) => s.kind !== 'greeting' && s.kind !== 'closing' && s.kind !== 'escalation');
    if (said.some((s) => replyAsksFor(s.text).some((k) => given.has(k)))) asksGiven++;
    if (said.some((s) => instructionTexts.has(s.text.trim().toLowerCase()) || isAgentInstruction(s.text.trim()))) leaks++;
    const text = replyText(draft);
    const triage = toTriageResult(result.classification, 'local', defaultLanes, 1);
    const record = {
      id: 'bench', subjectId: 'bench', lane: result.classification.lane.value, engine: 'local' as const, status: 'ready' as const, triage, retrieval: result.retrieval,
      partialText: '', draft, review: { ...emptyReview, acknowledged: requiredAcknowledgements(triage), unsupportedAcknowledged: true }, approval: null, error: null, createdAt: 0, updatedAt: 0,
    };
    // Every box ticked: only the placeholder gate stands between an unfilled field and Gmail.
    if (unfilledPlaceholders(text).length > 0 && canInsert(record, text, []).ok) unfilledInserted++;
  }
  const unit = `drafts (local engine in Node, sample SOPs; ${fixtureCount} Gmail fixture threads + ${generated.length} generated EN/DE support emails (seed ${seed}${seed === 20261201 ? ", the development set" : ""}), ${drafts} drafted)`;
  return [
    { name: 'draft_asks_for_given_info', value: asksGiven, unit, target: '<= 0' },
    { name: 'draft_agent_instruction_leaks', value: leaks, unit, target: '<= 0' },
    { name: 'draft_unfilled_placeholders_inserted', value: unfilledInserted, unit, target: '<= 0' },
  ];
}
