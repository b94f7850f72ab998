import { createLocalEngine } from '@/lib/engine/local/local-engine';
import type { TriageEngine } from '@/lib/engine/types';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { needsReply } from '@/lib/lanes/taxonomy';
import type { Classification } from '@/lib/schemas/classification';
import type { Draft } from '@/lib/schemas/draft';
import type { Passage, Retrieval } from '@/lib/schemas/sop';
import type { TriageInput } from '@/lib/schemas/triage-input';
import { queryFromText, retrieveForClassification } from '@/lib/sop/retrieve';
import { isTemplatePassage } from '@/lib/sop/reply-templates';
import { SopIndex } from '@/lib/sop/sop-index';
import { customerMessages, isAutomaticReply } from '@/lib/engine/local/thread-text';
import { postChecks } from './post-checks';
import { asksCustomer } from './sop-sentences';

/**
 * The triage pipeline outside the browser, the same steps the background runs (classify, retrieve, templates of the
 * retrieved SOPs, draft, post-checks): for the inspector and the draft bench.
 */

export interface PipelineResult {
  classification: Classification;
  retrieval: Retrieval;
  /** Null when the category needs no reply or the lane does not draft. */
  draft: Draft | null;
}

export async function runDraftPipeline(input: TriageInput, passages: readonly Passage[], engine: TriageEngine = createLocalEngine()): Promise<PipelineResult> {
  const lanes = defaultLanes;
  const classified = await engine.classify(input, lanes);
  if (!classified.ok) throw new Error(classified.error.message);
  const classification = classified.value;
  const index = SopIndex.fromPassages([...passages]);
  const latest = customerMessages(input).at(-1)?.text ?? '';
  const retrieval = retrieveForClassification(index, queryFromText(`${input.subject}\n${latest}`), classification, lanes);
  const lane = lanes.find((l) => l.id === classification.lane.value);
  if (!lane || !lane.processing.actions.includes('draft') || !needsReply(lanes, classification.category.value) || isAutomaticReply(input.subject, latest)) return { classification, retrieval, draft: null };
  const sopIds = new Set(retrieval.passages.map((p) => p.sopId));
  const templates = passages.filter((p) => sopIds.has(p.sopId) && isTemplatePassage(p));
  const askPassages = passages.filter((p) => sopIds.has(p.sopId) && !isTemplatePassage(p) && asksCustomer(p));
  const drafted = await engine.draft({ input, classification, lane, retrieval, templates, askPassages });
  if (!drafted.ok) throw new Error(drafted.error.message);
  const notes = postChecks(drafted.value, { input, lane, language: classification.language.value });
  return { classification, retrieval, draft: { ...drafted.value, notes } };
}
