import type { ChecklistItem } from '@/lib/schemas/draft';
import type { Passage, RetrievedPassage } from '@/lib/schemas/sop';
import type { Footing } from '@/lib/sop/retrieve';
import { isTemplatePassage } from '@/lib/sop/reply-templates';
import { statementSpans, withoutListMarker } from '@/lib/text/sentences';
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


/**
 * Instructions to the agent in the passages the reply stands on (1-based citations into `passages`), in passage
 * order, each once.
 */
export function agentInstructions<P extends Passage>(passages: readonly P[], standsOn: (p: P) => boolean): Array<{ text: string; citation: number }> {
  const out: Array<{ text: string; citation: number }> = [];
  const seen = new Set<string>();
  passages.forEach((passage, i) => {
    if (isTemplatePassage(passage) || !standsOn(passage)) return;
    for (const raw of statementSpans(passage.text, passage.headingPath.at(-1))) {
      const text = withoutListMarker(raw).trim();
      // A line ending in a colon with no list after it leads in to what follows (a merged section heading).
      if (text.length < 12 || text.endsWith(':') || seen.has(text) || !isAgentInstruction(text)) continue;
      seen.add(text);
      out.push({ text, citation: i + 1 });
    }
  });
  return out;
}

export interface ChecklistInput {
  passages: readonly RetrievedPassage[];
  /** What the reply stands on: instructions come from these passages only. */
  footing: Footing;
  /** Other passages of the same SOPs saying what to ask for (not cited: they are not in the draft's passages). */
  askPassages?: readonly Passage[];
  facts: ThreadFacts;
  /** What the rule choice said: the rule used and the facts that decided it. */
  rule: string | null;
  /** Facts the reply asks the customer for. */
  asked: readonly FactKey[];
  unanswered: readonly string[];
}

export function buildChecklist({ passages, footing, askPassages = [], facts, rule, asked, unanswered }: ChecklistInput): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  if (rule) items.push({ kind: 'rule', text: rule, quote: null, citation: null });
  const supplied = new Set<FactKey>();
  const cited = new Set(passages.map((p) => p.id));
  const extra = agentInstructions(askPassages.filter((p) => !cited.has(p.id)), footing.companion)
    .filter((i) => asksFor(i.text).length > 0)
    .map((i) => ({ text: i.text, citation: null }));
  const own = agentInstructions(passages, footing.passage);
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
