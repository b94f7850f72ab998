import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import type { DraftRequest, FieldCandidates, ProposeFieldsRequest, TriageEngine } from '@/lib/engine/types';
import { classificationSchema, type Classification } from '@/lib/schemas/classification';
import { draftSchema, type Draft, type DraftSentence } from '@/lib/schemas/draft';
import { ok, type Result } from '@/lib/schemas/errors';
import type { Lane } from '@/lib/schemas/lane';
import type { Passage, RetrievedPassage } from '@/lib/schemas/sop';
import type { ClaudeSettings } from '@/lib/schemas/settings';
import type { TriageInput } from '@/lib/schemas/triage-input';
import { createAnthropicClient, settingsProblem, type ClientDeps } from './client';
import { badOutput, streamBroken, toAppError } from './errors';
import { placedCategories } from '@/lib/lanes/taxonomy';
import { buildClassifyRequest, buildDraftRequest, withRepairTurn, type CorrectionExample, type ToolRequest, type ToolUseBlock } from './prompt';
import { buildProposeRequest, PROPOSE_TOOL, readProposals } from './propose-fields';
import { CLASSIFY_TOOL, DRAFT_TOOL, draftOutputSchema, type DraftOutput } from './schemas';
import { SentenceTextStream } from './sentence-stream';
import { usageRecord, type UsageRecord } from './usage';

export interface ClaudeEngineDeps extends ClientDeps {
  /** Called once per API call that returned an answer, with its tokens and estimated cost. */
  onUsage?: (usage: UsageRecord) => void;
  /** The team's most recent category corrections, sent as examples with each classification (bounded). */
  recentCorrections?: () => Promise<CorrectionExample[]>;
}

type Checked<T> = { ok: true; value: T } | { ok: false; problem: string; toolUse: ToolUseBlock | null };

function toolInput(message: Anthropic.Message, tool: string): ToolUseBlock | null {
  const block = message.content.find((b) => b.type === 'tool_use' && b.name === tool);
  return block?.type === 'tool_use' ? { type: 'tool_use', id: block.id, name: block.name, input: block.input } : null;
}

function readClassification(message: Anthropic.Message, lanes: Lane[]): Checked<Classification> {
  const toolUse = toolInput(message, CLASSIFY_TOOL);
  if (!toolUse) return { ok: false, problem: `no ${CLASSIFY_TOOL} call in the answer`, toolUse: null };
  const parsed = classificationSchema.safeParse(toolUse.input);
  if (!parsed.success) return { ok: false, problem: z.prettifyError(parsed.error), toolUse };
  const laneIds = lanes.map((l) => l.id);
  if (!laneIds.includes(parsed.data.lane.value)) {
    return { ok: false, problem: `lane.value must be one of: ${laneIds.join(', ')}`, toolUse };
  }
  // The team's taxonomy is the only one: a category it does not hold is sent back for repair.
  const categoryIds = placedCategories(lanes).map((p) => p.category.id);
  if (categoryIds.length > 0 && !categoryIds.includes(parsed.data.category.value)) {
    return { ok: false, problem: `category.value must be one of: ${categoryIds.join(', ')}`, toolUse };
  }
  return { ok: true, value: parsed.data };
}

/** Keeps only citations of passages that were given; a claim left with none shows as unsupported. */
function verifiedSentences(sentences: DraftSentence[], passageCount: number): DraftSentence[] {
  return sentences.map((s) => ({
    ...s,
    citations: [...new Set(s.citations)].filter((n) => n >= 1 && n <= passageCount),
  }));
}

export function createClaudeEngine(settings: ClaudeSettings, deps: ClaudeEngineDeps = {}): TriageEngine {
  const client = createAnthropicClient(settings, deps);

  async function send(request: ToolRequest, call: UsageRecord['call'], signal?: AbortSignal): Promise<Result<Anthropic.Message>> {
    try {
      const message = await client.messages.create(request, { signal });
      deps.onUsage?.(usageRecord(call, request.model, message.usage));
      return ok(message);
    } catch (thrown) {
      return { ok: false, error: toAppError(thrown, request.model) };
    }
  }

  async function classify(input: TriageInput, lanes: Lane[], signal?: AbortSignal): Promise<Result<Classification>> {
    const problem = settingsProblem(settings);
    if (problem) return { ok: false, error: problem };
    const request = buildClassifyRequest(settings.classifyModel, input, lanes, (await deps.recentCorrections?.()) ?? []);
    const first = await send(request, 'classify', signal);
    if (!first.ok) return first;
    const checked = readClassification(first.value, lanes);
    if (checked.ok) return ok(checked.value);

    // One repair: the validation error goes back as the tool's result; without a tool call, ask afresh.
    const repair = checked.toolUse ? withRepairTurn(request, checked.toolUse, checked.problem) : request;
    const second = await send(repair, 'classify-repair', signal);
    if (!second.ok) return second;
    const again = readClassification(second.value, lanes);
    return again.ok ? ok(again.value) : { ok: false, error: badOutput('classification') };
  }

  async function streamDraft(request: ToolRequest, onText: DraftRequest['onText'], signal?: AbortSignal): Promise<Result<Anthropic.Message>> {
    let lastSentence = -1;
    // Sentences reach onText joined by one space, as draftText() joins them.
    const sentences = new SentenceTextStream((index, text) => {
      const separator = lastSentence >= 0 && index !== lastSentence ? ' ' : '';
      lastSentence = index;
      onText?.(separator + text);
    });
    let toolBlockIndex: number | null = null;
    let started = false;
    try {
      const stream = client.messages.stream(request, { signal });
      // Connected: the API accepted the request and began its answer.
      stream.on('connect', () => (started = true));
      stream.on('streamEvent', (event) => {
        if (event.type === 'content_block_start' && event.content_block.type === 'tool_use' && event.content_block.name === DRAFT_TOOL) {
          toolBlockIndex = event.index;
        } else if (event.type === 'content_block_delta' && event.index === toolBlockIndex && event.delta.type === 'input_json_delta') {
          sentences.push(event.delta.partial_json);
        }
      });
      const message = await stream.finalMessage();
      deps.onUsage?.(usageRecord('draft', request.model, message.usage));
      return ok(message);
    } catch (thrown) {
      return { ok: false, error: toAppError(thrown, request.model, started) };
    }
  }

  async function draft({ input, classification, lane, retrieval, templates = [], laneLibrary, signal, onText }: DraftRequest): Promise<Result<Draft>> {
    const problem = settingsProblem(settings);
    if (problem) return { ok: false, error: problem };
    // The lane's SOPs whole when they fit (the model finds the section; the prompt cache carries them across threads),
    // else the retrieved passages and the reply templates of their SOPs.
    const retrieved = retrieval.passages.map(asPassage);
    const passages = laneLibrary ?? [...retrieved, ...templates.filter((t) => !retrieved.some((p) => p.id === t.id))];
    const suggested = laneLibrary ? retrieved.map((r) => passages.findIndex((p) => p.id === r.id) + 1).filter((n) => n > 0) : undefined;
    const request = buildDraftRequest(settings.draftModel, {
      input,
      classification,
      lane,
      passages,
      grounded: retrieval.grounded,
      scope: laneLibrary ? 'lane' : 'retrieved',
      suggested,
    });
    const answer = await streamDraft(request, onText, signal);
    if (!answer.ok) return answer;
    if (answer.value.stop_reason === 'max_tokens') return { ok: false, error: streamBroken() };
    const parsed = draftOutputSchema.safeParse(toolInput(answer.value, DRAFT_TOOL)?.input);
    if (!parsed.success) return { ok: false, error: badOutput('draft') };
    // Cited passages keep what retrieval said of them (score, matching lines).
    const offered = passages.map((p) => retrieval.passages.find((r) => r.id === p.id) ?? { ...p, score: 0, matchText: '' });
    return assembleDraft(parsed.data, offered, retrieval.grounded, lane);
  }

  /** Forced tool use restricted to the lane's writable properties; the review gate checks every quote after. */
  async function proposeFields(request: ProposeFieldsRequest): Promise<Result<FieldCandidates>> {
    const problem = settingsProblem(settings);
    if (problem) return { ok: false, error: problem };
    const toolRequest = buildProposeRequest(settings.classifyModel, request);
    if (!toolRequest) return ok({ candidates: [], dropped: [] });
    const answer = await send(toolRequest, 'propose', request.signal);
    if (!answer.ok) return answer;
    const toolUse = toolInput(answer.value, PROPOSE_TOOL);
    return toolUse ? ok(readProposals(toolUse.input, request)) : { ok: false, error: badOutput('field proposals') };
  }

  return { id: 'claude', classify, draft, proposeFields };
}

const asPassage = ({ score: _score, grounding: _grounding, matchText: _matchText, ...passage }: RetrievedPassage): Passage => passage;

/**
 * The Draft the panel shows: verified citations, only the passages cited (renumbered in citation order, so a draft
 * written from a whole library keeps a few passages, not hundreds), and abstention enforced when retrieval found no
 * grounding.
 */
function assembleDraft(output: DraftOutput, offered: Draft['passages'], grounded: boolean, lane: Lane): Result<Draft> {
  const abstained = output.abstained || !grounded;
  const sentences = verifiedSentences(output.sentences, offered.length);
  const cited = [...new Set(sentences.flatMap((s) => s.citations))];
  const renumber = new Map(cited.map((n, i) => [n, i + 1]));
  const passages = cited.map((n) => offered[n - 1]!);
  const draft = draftSchema.safeParse({
    sentences: sentences.map((s) => ({ ...s, citations: s.citations.map((n) => renumber.get(n)!) })),
    passages,
    abstained,
    escalateTo: output.escalateTo ?? (abstained ? lane.failureFeedback.escalateTo : null),
  });
  return draft.success ? ok(draft.data) : { ok: false, error: badOutput('draft') };
}
