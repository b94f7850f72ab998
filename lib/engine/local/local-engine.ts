import type { TriageEngine } from '@/lib/engine/types';
import { findCategory } from '@/lib/lanes/taxonomy';
import type { Classification } from '@/lib/schemas/classification';
import { fail, ok, type AppError, type Result } from '@/lib/schemas/errors';
import type { Lane } from '@/lib/schemas/lane';
import type { TriageInput } from '@/lib/schemas/triage-input';
import { composeDraft, streamDraft } from './extractive-draft';
import { extractFieldCandidates } from './field-candidates';
import { summarize } from './extractive-summary';
import { detectLanguage } from './language-detection';
import { detectRisks } from './risk-rules';
import { detectSentiment } from './sentiment-rules';
import { starterModel } from './starter-model';
import { TextClassifier } from './text-classifier';
import { classifierText, customerMessages, isAutomaticReply, latestCustomerMessage, openCustomerMessages } from './thread-text';
import { detectUrgency } from './urgency-rules';

export interface LocalEngineOptions {
  /** The company's own mail domains, so its replies are not read as the customer's. */
  ownDomains?: readonly string[];
}

/** In bulk mail only strong risk patterns count: a price list in a newsletter is not a pricing commitment. */
const BULK_RISK_FLOOR = 0.8;

/** The lane of a category among the lanes in force; a label they do not hold (a model older than the lanes) goes to the first lane of the site, unsure. */
function chooseLane(category: string, lanes: Lane[], site: TriageInput['source']): { lane: Lane; fits: boolean } {
  const placed = findCategory(lanes, category);
  if (placed) return { lane: placed.lane, fits: true };
  return { lane: lanes.find((l) => l.trigger.site === site) ?? lanes[0]!, fits: false };
}

export function classifyWith(model: TextClassifier, input: TriageInput, lanes: Lane[], options: LocalEngineOptions = {}): Result<Classification> {
  if (lanes.length === 0) return fail('no_lanes', 'No lanes are set up, so the thread cannot be routed.', 'Restore the default lanes in the options page.');
  const latest = latestCustomerMessage(input, options.ownDomains)?.text ?? '';
  const prediction = model.predict(classifierText(input, options.ownDomains));
  const category = findCategory(lanes, prediction.label)?.category;
  const { lane, fits } = chooseLane(prediction.label, lanes, input.source);
  const confidence = prediction.confidence;
  // Mail that needs no reply is bulk: only strong risk patterns count in it, and it is not urgent. Only when the
  // category is trusted: a data-deletion request the model half-thinks is a newsletter goes to a human as it is.
  const bulk = category?.reply === 'none' && confidence >= lane.qualityChecks.confidenceFloor;

  const everythingTheCustomerWrote = [input.subject, ...customerMessages(input, options.ownDomains).map((m) => m.text)].join('\n');
  const risks = detectRisks(everythingTheCustomerWrote).filter((r) => !bulk || r.confidence >= BULK_RISK_FLOOR);
  const latestWithSubject = `${input.subject}\n${latest}`;

  return ok({
    lane: { value: lane.id, confidence: fits ? confidence : confidence * 0.5 },
    category: { value: prediction.label, confidence },
    intent: { value: category?.intent ?? 'ask a question', confidence: category ? confidence : confidence * 0.5 },
    urgency: isAutomaticReply(input.subject, latest)
      ? { value: 'P4', reason: 'Automatic reply (out of office): no reply needed', confidence: 0.8 }
      : detectUrgency(latestWithSubject, { bulk, reference: messageDate(latestCustomerMessage(input, options.ownDomains)?.date ?? null) }),
    sentiment: detectSentiment(latest),
    language: detectLanguage(latest || input.subject),
    summary: summarize(input.subject, openCustomerMessages(input, options.ownDomains).map((m) => m.text)),
    riskFlags: risks,
    owner: category ? { value: category.owner, confidence } : { value: lane.failureFeedback.escalateTo, confidence: confidence * 0.5 },
  });
}

/** Deadlines in words are read from the date the customer wrote; without one, from now. */
function messageDate(date: string | null): Date {
  const ms = date ? Date.parse(date) : NaN;
  return Number.isNaN(ms) ? new Date() : new Date(ms);
}

/** The embedded engine: a trainable text classifier, rules for risk, urgency, tone and language, and extractive cited drafts. */
/** model: the classifier, or why there is none (the lanes give fewer than two categories with examples). */
export function createLocalEngine(model: TextClassifier | AppError = starterModel(), options: LocalEngineOptions = {}): TriageEngine {
  return {
    id: 'local',
    async classify(input, lanes, signal) {
      if (signal?.aborted) return fail('classify_aborted', 'Classification was stopped.', 'Open the thread again to classify it.');
      if (!(model instanceof TextClassifier)) return fail(model.code, model.message, model.nextStep);
      return classifyWith(model, input, lanes, options);
    },
    async draft(request) {
      if (request.signal?.aborted) return fail('draft_aborted', 'The draft was stopped.', 'Start the draft again when you are ready.');
      return streamDraft(composeDraft(request, options.ownDomains), request);
    },
    async proposeFields(request) {
      if (request.signal?.aborted) return fail('propose_aborted', 'Proposing field updates was stopped.', 'Open the record again.');
      return ok(extractFieldCandidates(request));
    },
  };
}

/** A rep's correction teaches the model. Only the category is learnt; other fields are recorded elsewhere for the KPIs. */
export function learnCorrection(model: TextClassifier, input: TriageInput, field: string, value: string, options: LocalEngineOptions = {}): Result<{ ms: number }> {
  if (field !== 'category') {
    return fail('correction_not_learnt', `The local engine learns category corrections, not ${field}.`, 'The correction is still recorded for the KPIs.');
  }
  if (!/^[a-z][a-z0-9_]{1,63}$/.test(value)) {
    return fail('correction_invalid', `"${value}" is not a category name.`, 'Choose a category from the list.');
  }
  const text = classifierText(input, options.ownDomains);
  if (!text) return fail('correction_empty', 'This thread has no text to learn from.', 'Correct a thread whose message is open.');
  const start = performance.now();
  model.learn(text, value);
  return ok({ ms: performance.now() - start });
}
