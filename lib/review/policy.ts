import type { DraftRecord } from '@/lib/schemas/draft-record';
import type { RiskFlag } from '@/lib/schemas/lane';
import type { TriageResult } from '@/lib/schemas/classification';
import type { SentenceCheck } from '@/lib/schemas/review';
import { FLAG_OF, reservedDecisions, statedDecisions, type HumanDecision } from '@/lib/drafting/human-decisions';
import { unfilledPlaceholders } from '@/lib/drafting/placeholders';
import { replyText, stillContains } from './reply-text';

/**
 * The review gate: what must be true before a draft may go into Gmail's reply box.
 * Money movement, legal and security are never automated: their flags always ask for a tick.
 */

const NEVER_AUTOMATED: readonly RiskFlag[] = ['refund', 'billing_dispute', 'legal', 'security'];
/** A flag this sure asks for a tick even when the lane does not list it. */
export const SURE_FLAG_CONFIDENCE = 0.8;

export type Blocker =
  | { kind: 'not_ready' }
  | { kind: 'empty' }
  | { kind: 'acknowledge'; flag: RiskFlag }
  | { kind: 'unsupported'; sentences: number }
  | { kind: 'holding_only' }
  /** Placeholders nobody filled yet: a `{{field}}` never reaches Gmail. */
  | { kind: 'placeholder'; names: string[] }
  /** Generated sentences that state what a person decides, still in the text. */
  | { kind: 'human_decision'; decision: HumanDecision; sentences: number };

export type Gate = { ok: true } | { ok: false; blockers: Blocker[] };

/** The classification's risk flags that need the rep's tick, in the order the classification gives them. */
export function requiredAcknowledgements(triage: TriageResult): RiskFlag[] {
  const lane = new Set(triage.lane?.riskAcknowledgements ?? []);
  const flags = triage.classification.riskFlags
    .filter((f) => lane.has(f.flag) || f.confidence >= SURE_FLAG_CONFIDENCE || NEVER_AUTOMATED.includes(f.flag))
    .map((f) => f.flag);
  return [...new Set(flags)];
}

/**
 * The triage a second engine (Claude) may replace the local one with, under the rule that a model can add a
 * required acknowledgement and never remove one: the risk flags are the union of both (each at the higher
 * confidence, the local evidence kept), and the lane's acknowledgements and human decisions are those of both
 * lanes, so talking the model into another lane or out of a flag drops no tick the local rules asked for.
 */
export function withLocalSafeguards(local: TriageResult, model: TriageResult): TriageResult {
  const flags = new Map(local.classification.riskFlags.map((f) => [f.flag, f]));
  for (const f of model.classification.riskFlags) {
    const held = flags.get(f.flag);
    flags.set(f.flag, held ? { ...held, confidence: Math.max(held.confidence, f.confidence) } : f);
  }
  const lane = model.lane ?? local.lane;
  const union = <T,>(a: readonly T[] | undefined, b: readonly T[] | undefined) => [...new Set([...(a ?? []), ...(b ?? [])])];
  return {
    ...model,
    classification: { ...model.classification, riskFlags: [...flags.values()] },
    lane: lane && {
      ...lane,
      riskAcknowledgements: union(local.lane?.riskAcknowledgements, model.lane?.riskAcknowledgements),
      decisionsNotMade: union(local.lane?.decisionsNotMade, model.lane?.decisionsNotMade),
    },
  };
}

/**
 * Sentences still in the text the rep would insert that no cited passage supports, or that give a link, address,
 * phone, account number or amount neither the thread nor a cited passage holds (the post-checks' unsupported_detail).
 */
export function remainingUnsupported(record: DraftRecord, checks: readonly SentenceCheck[], text: string): number[] {
  const sentences = record.draft?.sentences ?? [];
  const flagged = new Set([
    ...checks.filter((c) => c.status === 'unsupported').map((c) => c.index),
    ...(record.draft?.notes ?? []).flatMap((n) => (n.kind === 'unsupported_detail' && n.sentence !== null ? [n.sentence] : [])),
  ]);
  return [...flagged].filter((i) => stillContains(text, sentences[i]?.text ?? '')).sort((a, b) => a - b);
}

/** Generated sentences still in the text that state a decision the lane keeps for a person (a price, a lead time…). */
export function statedHumanDecisions(record: DraftRecord, text: string): Array<{ index: number; decision: HumanDecision }> {
  const reserved = reservedDecisions(record.triage.lane);
  const out: Array<{ index: number; decision: HumanDecision }> = [];
  (record.draft?.sentences ?? []).forEach((s, index) => {
    if (s.kind === 'escalation' || !stillContains(text, s.text)) return;
    for (const decision of statedDecisions(s.text, reserved)) out.push({ index, decision });
  });
  return out;
}

/** Acknowledgements that cannot be ticked while a sentence stating that decision stays in the text. */
export function lockedAcknowledgements(record: DraftRecord, text: string): RiskFlag[] {
  return [...new Set(statedHumanDecisions(record, text).map((d) => FLAG_OF[d.decision]))];
}

/** Whether `text` may be inserted for this draft, with every reason it may not. */
export function canInsert(record: DraftRecord, text: string, checks: readonly SentenceCheck[]): Gate {
  const draft = record.draft;
  if (!draft || (record.status !== 'ready' && record.status !== 'inserted')) return { ok: false, blockers: [{ kind: 'not_ready' }] };
  const blockers: Blocker[] = [];
  if (text.trim() === '') blockers.push({ kind: 'empty' });
  if (draft.abstained && text.trim() !== replyText(draft)) blockers.push({ kind: 'holding_only' });
  const names = unfilledPlaceholders(text);
  if (names.length > 0) blockers.push({ kind: 'placeholder', names });
  const stated = statedHumanDecisions(record, text);
  for (const decision of new Set(stated.map((d) => d.decision))) {
    blockers.push({ kind: 'human_decision', decision, sentences: stated.filter((d) => d.decision === decision).length });
  }
  const locked = new Set(lockedAcknowledgements(record, text));
  const acked = new Set(record.review.acknowledged.filter((f) => !locked.has(f)));
  for (const flag of requiredAcknowledgements(record.triage)) if (!acked.has(flag)) blockers.push({ kind: 'acknowledge', flag });
  const unsupported = remainingUnsupported(record, checks, text);
  if (unsupported.length > 0 && !record.review.unsupportedAcknowledged) blockers.push({ kind: 'unsupported', sentences: unsupported.length });
  return blockers.length === 0 ? { ok: true } : { ok: false, blockers };
}

/** A blocker in words, for the panel's list and the background's refusal. */
export function describeBlocker(blocker: Blocker, ackLabel: (flag: RiskFlag) => string = (f) => `the ${f.replace(/_/g, ' ')} check`): string {
  switch (blocker.kind) {
    case 'not_ready':
      return 'The draft is not ready yet.';
    case 'empty':
      return 'The reply is empty.';
    case 'acknowledge':
      return `Tick “${ackLabel(blocker.flag)}”.`;
    case 'unsupported':
      return blocker.sentences === 1
        ? 'Edit the unsupported sentence away, or tick that you checked it.'
        : `Edit the ${blocker.sentences} unsupported sentences away, or tick that you checked them.`;
    case 'placeholder':
      return `Fill ${blocker.names.map((n) => `“${n}”`).join(', ')} in the reply.`;
    case 'human_decision':
      return `Edit the sentence that states ${blocker.decision.replace(/_/g, ' ')}: a person decides it, so “${ackLabel(FLAG_OF[blocker.decision])}” cannot be ticked while it stays.`;
    case 'holding_only':
      return 'The SOPs do not cover this: only the holding reply can be inserted. Write any other answer in Gmail yourself.';
  }
}
