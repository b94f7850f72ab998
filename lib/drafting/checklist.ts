import type { ChecklistItem } from '@/lib/schemas/draft';
import type { Passage, RetrievedPassage } from '@/lib/schemas/sop';
import { isTemplatePassage } from '@/lib/sop/reply-templates';
import { sentenceSpans } from '@/lib/text/sentences';
import { asksFor, isAgentInstruction } from './sop-sentences';
import type { FactKey, ThreadFacts } from './thread-facts';

/**
 * The rep's checklist: what the SOP tells the agent to do, from the passages the draft stands on. An instruction to
 * ask for something the thread already holds is shown as supplied, with the customer's words.
 */

const MAX_INSTRUCTIONS = 8;
const LABEL: Partial<Record<FactKey, string>> = {
  workspace_address: 'Workspace address',
  invoice_number: 'Invoice number',
  order_number: 'Order number',
  reason: 'Reason',
  photos_attached: 'Photos',
  renewal_date: 'Renewal date',
  amount: 'Dates and amounts',
  tracking_number: 'Tracking number',
};

const clean = (sentence: string) => sentence.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim();

/**
 * Instructions to the agent in the passages of the given SOPs (1-based citations into `passages`), in passage
 * order, each once.
 */
export function agentInstructions(passages: readonly RetrievedPassage[], sopIds: ReadonlySet<string>): Array<{ text: string; citation: number }> {
  const out: Array<{ text: string; citation: number }> = [];
  const seen = new Set<string>();
  passages.forEach((passage, i) => {
    if (isTemplatePassage(passage) || !sopIds.has(passage.sopId)) return;
    for (const raw of sentenceSpans(passage.text)) {
      const text = clean(raw);
      if (text.length < 12 || seen.has(text) || !isAgentInstruction(text)) continue;
      seen.add(text);
      out.push({ text, citation: i + 1 });
    }
  });
  return out;
}

export interface ChecklistInput {
  passages: readonly RetrievedPassage[];
  /** The SOPs the reply stands on: instructions come from these only. */
  sopIds: ReadonlySet<string>;
  /** Other passages of the same SOPs saying what to ask for (not cited: they are not in the draft's passages). */
  askPassages?: readonly Passage[];
  facts: ThreadFacts;
  /** What the rule choice said: the rule used and the facts that decided it. */
  rule: string | null;
  /** Facts the reply asks the customer for. */
  asked: readonly FactKey[];
  unanswered: readonly string[];
}

export function buildChecklist({ passages, sopIds, askPassages = [], facts, rule, asked, unanswered }: ChecklistInput): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  if (rule) items.push({ kind: 'rule', text: rule, quote: null, citation: null });
  const supplied = new Set<FactKey>();
  const cited = new Set(passages.map((p) => p.id));
  const extra = agentInstructions(askPassages.filter((p) => !cited.has(p.id)).map((p) => ({ ...p, score: 0, matchText: '' })), sopIds)
    .filter((i) => asksFor(i.text).length > 0)
    .map((i) => ({ text: i.text, citation: null }));
  const own = agentInstructions(passages, sopIds);
  // What to ask for comes first and is never cut: it is what the rep checks against the thread.
  const asking = own.filter((i) => asksFor(i.text).length > 0);
  const rest = own.filter((i) => asksFor(i.text).length === 0).slice(0, MAX_INSTRUCTIONS);
  for (const instruction of [...extra, ...asking, ...rest]) {
    const keys = asksFor(instruction.text);
    // An instruction to ask for what the thread already holds is done: only its "supplied" lines remain.
    const open = keys.length === 0 || keys.some((key) => !facts.facts.some((f) => f.key === key));
    if (open) items.push({ kind: 'instruction', text: instruction.text, quote: null, citation: instruction.citation });
    for (const key of keys) {
      const fact = facts.facts.find((f) => f.key === key);
      if (!fact || supplied.has(key)) continue;
      supplied.add(key);
      items.push({ kind: 'supplied', text: `${LABEL[key] ?? key}: supplied in the thread (${fact.value === 'yes' ? 'stated' : fact.value})`, quote: fact.quote, citation: instruction.citation });
    }
  }
  for (const key of asked) items.push({ kind: 'asked', text: `${LABEL[key] ?? key.replace(/_/g, ' ')}: asked for in the reply (not in the thread)`, quote: null, citation: null });
  for (const question of unanswered) items.push({ kind: 'unanswered', text: 'Not answered by the draft: answer it or say when you will', quote: question, citation: null });
  return items;
}
