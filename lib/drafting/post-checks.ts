import { detectLanguage } from '@/lib/engine/local/language-detection';
import { customerMessages } from '@/lib/engine/local/thread-text';
import type { Draft, ReviewNote } from '@/lib/schemas/draft';
import type { Lane } from '@/lib/schemas/lane';
import type { TriageInput } from '@/lib/schemas/triage-input';
import { DETAIL_LABEL, supportKeys, unsupportedDetails } from './draft-details';
import { unfilledPlaceholders } from './placeholders';
import { answerTo, customerQuestions } from './customer-questions';
import { DECISION_LABEL, reservedDecisions, statedDecisions } from './human-decisions';
import { isAgentInstruction, replyAsksFor } from './sop-sentences';
import { readThreadFacts } from './thread-facts';

/**
 * The same checks on every draft, local or Claude's, run in the background once it is written; the panel shows them
 * as review notes. They read the thread and the draft only: no engine is trusted to have checked itself.
 */

export interface PostCheckContext {
  input: TriageInput;
  lane: Pick<Lane, 'decisionsNotMade'> | null;
  /** The customer's language as classified. */
  language: string;
  ownDomains?: readonly string[];
}

/** Languages the replies are written in; a draft in another one than the customer's is noted. */
const REPLY_LANGUAGES = new Set(['en', 'de']);
const MIN_WORDS_FOR_LANGUAGE = 12;
const REPLY_KINDS = new Set(['claim', 'request', 'placeholder']);

export function postChecks(draft: Pick<Draft, 'sentences' | 'passages'>, context: PostCheckContext): ReviewNote[] {
  const notes: ReviewNote[] = [];
  const customer = customerMessages(context.input, context.ownDomains);
  const facts = readThreadFacts(context.input.subject, customer);
  const reserved = reservedDecisions(context.lane);
  const reference = new Date(`${facts.messageDay}T12:00:00Z`);
  const sentences = draft.sentences.filter((s) => s.kind !== 'escalation');

  // Every message of the thread, the team's too: a detail someone in the thread wrote is not made up.
  const threadKeys = supportKeys([context.input.subject, ...context.input.messages.map((m) => m.text)].join('\n'));

  draft.sentences.forEach((s, index) => {
    const text = s.text.trim();
    // Links, numbers and amounts are checked in every sentence: a greeting or a closing can carry a payment link too.
    const cited = s.citations.map((n) => draft.passages[n - 1]?.text ?? '').join('\n');
    const detailNote = madeUpDetails(index, text, cited === '' ? threadKeys : new Set([...threadKeys, ...supportKeys(cited)]));
    if (detailNote) notes.push(detailNote);
    if (!REPLY_KINDS.has(s.kind)) return;
    if (isAgentInstruction(text)) notes.push({ kind: 'agent_instruction', sentence: index, detail: 'An instruction to the agent, not words for the customer: move it to your checklist.', quote: text });
    for (const key of replyAsksFor(text)) {
      const fact = facts.facts.find((f) => f.key === key);
      if (fact) notes.push({ kind: 'asks_for_given', sentence: index, detail: `Asks for the ${key.replace(/_/g, ' ')}, which the customer already gave.`, quote: fact.quote });
    }
    if (s.kind === 'claim' && s.citations.length === 0) notes.push({ kind: 'unsupported', sentence: index, detail: 'No SOP passage supports this sentence.', quote: text });
    for (const decision of statedDecisions(text, reserved, reference)) {
      notes.push({ kind: 'human_decision', sentence: index, detail: `States ${DECISION_LABEL[decision]}, which a person decides: edit it out or replace it with a placeholder.`, quote: text });
    }
  });

  const reply = sentences.map((s) => s.text).join(' ');
  for (const name of unfilledPlaceholders(reply)) notes.push({ kind: 'unfilled_placeholder', sentence: null, detail: `Fill “${name}” before inserting.`, quote: null });

  const latest = customer.at(-1)?.text ?? '';
  const said = sentences.filter((s) => s.kind === 'claim' || s.kind === 'request').map((s) => s.text);
  for (const question of customerQuestions(latest)) {
    if (!answerTo(question, said)) notes.push({ kind: 'unanswered_question', sentence: null, detail: 'The customer asked this and the draft does not answer it.', quote: question });
  }

  const words = reply.split(/\s+/).filter(Boolean).length;
  if (REPLY_LANGUAGES.has(context.language) && words >= MIN_WORDS_FOR_LANGUAGE) {
    const written = detectLanguage(reply).value;
    if (written !== context.language) notes.push({ kind: 'wrong_language', sentence: null, detail: `The draft is in ${written}; the customer wrote in ${context.language}.`, quote: null });
  }
  return notes;
}

/** A note for the links, addresses, phone, account numbers and amounts of a sentence that no source holds. */
function madeUpDetails(index: number, text: string, sources: ReadonlySet<string>): ReviewNote | null {
  const made = unsupportedDetails(text, sources);
  if (made.length === 0) return null;
  const what = [...new Set(made.map((d) => DETAIL_LABEL[d.kind]))].join(', ');
  const detail = `Gives ${what} (${made.map((d) => d.text).join(', ')}) that neither the thread nor a cited passage holds: edit it out or tick that you checked it.`;
  return { kind: 'unsupported_detail', sentence: index, detail, quote: text };
}
