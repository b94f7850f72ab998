import type { ReplyTemplate, TemplateCondition } from '@/lib/sop/reply-templates';
import { type DerivedKey, type FactKey, FACT_KEYS, type ThreadFacts } from './thread-facts';

/**
 * Which of an SOP's rules applies: a template's conditions ("days_since_renewal <= 14") are checked against the
 * thread's facts. When no template's conditions are met because a fact is not in the thread, the reply asks for
 * that one fact instead of listing every rule.
 */

/** The fact a derived number needs: what to ask for when it is missing. */
const SOURCE_OF: Record<DerivedKey, FactKey> = {
  days_since_renewal: 'renewal_date',
  days_since_order: 'order_date',
  days_late: 'expected_delivery_date',
  tracking_idle_days: 'tracking_idle_days',
  order_value: 'amount',
  days_to_deadline: 'deadline',
};

const isFactKey = (name: string): name is FactKey => (FACT_KEYS as readonly string[]).includes(name);
const isDerivedKey = (name: string): name is DerivedKey => name in SOURCE_OF;

export type ConditionOutcome =
  | { state: 'met'; because: string[] }
  | { state: 'unmet' }
  /** A fact the condition needs is not in the thread (or the SOP names a fact this product does not read). */
  | { state: 'unknown'; missing: string };

function valueOf(name: string, facts: ThreadFacts): { value: string; quote: string } | null {
  if (isDerivedKey(name)) {
    const d = facts.derived[name];
    return d ? { value: String(d.value), quote: d.because } : null;
  }
  if (isFactKey(name)) {
    const f = facts.facts.find((x) => x.key === name);
    return f ? { value: f.value, quote: f.quote } : null;
  }
  return null;
}

function compare(actual: string, op: TemplateCondition['op'], expected: string): boolean {
  const a = Number(actual);
  const b = Number(expected);
  const numeric = !Number.isNaN(a) && !Number.isNaN(b) && actual.trim() !== '' && expected.trim() !== '';
  switch (op) {
    case '<=': return numeric && a <= b;
    case '<': return numeric && a < b;
    case '>=': return numeric && a >= b;
    case '>': return numeric && a > b;
    case '=': return numeric ? a === b : actual.toLowerCase() === expected.toLowerCase();
    case '!=': return numeric ? a !== b : actual.toLowerCase() !== expected.toLowerCase();
    default: return false;
  }
}

export function evaluateConditions(conditions: readonly TemplateCondition[], facts: ThreadFacts): ConditionOutcome {
  const because: string[] = [];
  for (const c of conditions) {
    const found = valueOf(c.fact, facts);
    if (c.op === 'missing' || c.op === 'given') {
      if ((found === null) !== (c.op === 'missing')) return { state: 'unmet' };
      because.push(found ? `${c.text} (“${found.quote}”)` : c.text);
      continue;
    }
    if (!found) return { state: 'unknown', missing: isDerivedKey(c.fact) ? SOURCE_OF[c.fact] : c.fact };
    if (!compare(found.value, c.op, c.value ?? '')) return { state: 'unmet' };
    because.push(`${c.fact.replace(/_/g, ' ')} is ${found.value}, so ${c.text} (“${found.quote}”)`);
  }
  return { state: 'met', because };
}

export type TemplateChoice =
  | { kind: 'template'; template: ReplyTemplate; because: string[] }
  /** The rule depends on a fact the thread does not give: ask for it. */
  | { kind: 'missing_fact'; missing: string; among: ReplyTemplate[] }
  | { kind: 'none' };

/**
 * The template for this category and the facts: in the customer's language when the SOPs have one in it, else in
 * English; among those whose conditions hold, the one with the most conditions (the most specific rule).
 */
export function chooseTemplate(templates: readonly ReplyTemplate[], category: string, language: string, facts: ThreadFacts): TemplateChoice {
  const fitting = templates.filter((t) => t.categories.length === 0 || t.categories.includes(category));
  const inLanguage = fitting.filter((t) => t.language === language);
  const pool = inLanguage.length > 0 ? inLanguage : fitting.filter((t) => t.language === 'en');
  if (pool.length === 0) return { kind: 'none' };
  const outcomes = pool.map((template) => ({ template, outcome: evaluateConditions(template.conditions, facts) }));
  const met = outcomes
    .filter((o): o is { template: ReplyTemplate; outcome: Extract<ConditionOutcome, { state: 'met' }> } => o.outcome.state === 'met')
    .sort((a, b) => b.template.conditions.length - a.template.conditions.length);
  const best = met[0];
  // A template without conditions is the fallback only when no conditional rule is left undecided.
  const unknown = outcomes.filter((o) => o.outcome.state === 'unknown');
  if (best && (best.template.conditions.length > 0 || unknown.length === 0)) return { kind: 'template', template: best.template, because: best.outcome.because };
  const first = unknown[0];
  if (first && first.outcome.state === 'unknown') return { kind: 'missing_fact', missing: first.outcome.missing, among: unknown.map((o) => o.template) };
  return best ? { kind: 'template', template: best.template, because: best.outcome.because } : { kind: 'none' };
}
