import type { ReplyTemplate } from '@/lib/sop/reply-templates';
import { placeholdersIn, replacePlaceholders } from './placeholders';
import { FACT_KEYS, type FactKey, type ThreadFacts } from './thread-facts';

/**
 * A template filled from the thread: every placeholder the thread gives is replaced and remembered with the
 * sentence it came from; what a human decides (amounts, prices, lead times, dates promised) is never filled from
 * the thread, and what nothing fills stays a visible `{{field}}` that blocks Insert until the rep fills it.
 */

/** Placeholders only a person decides, whatever the thread says ("we were charged $1,188" is not the refund). */
export const HUMAN_DECIDED_PLACEHOLDERS = new Set([
  'refund_amount', 'refund_date', 'price', 'unit_price', 'total_price', 'discount', 'lead_time', 'delivery_date', 'new_delivery_date', 'dispatch_date', 'credit_amount',
]);

export interface Fill {
  placeholder: string;
  value: string;
  /** The thread's sentence that gave the value; for the rep's name, where it came from. */
  quote: string;
}

export interface FilledLine {
  text: string;
  /** Kept because a fact was missing: the line asks the customer for it. */
  asks: boolean;
  /** The template's line before filling ("{{agent_name}}"), so a filled signature still reads as one. */
  source: string;
}

export interface FilledTemplate {
  lines: FilledLine[];
  fills: Fill[];
  unfilled: string[];
}

export interface FillContext {
  /** The rep's name, when known (the signature of the Gmail account or the team's last reply). */
  agentName: { value: string; quote: string } | null;
}

const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
};

/** A calendar day as a customer reads it: "3 March 2024", "3. März 2024". */
export function formatDay(iso: string, language: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return language === 'de' ? `${d}. ${MONTHS.de[m - 1]} ${y}` : `${d} ${MONTHS.en[m - 1]} ${y}`;
}

const DATE_FACTS = new Set<FactKey>(['renewal_date', 'order_date', 'expected_delivery_date', 'deadline']);
const isFactKey = (name: string): name is FactKey => (FACT_KEYS as readonly string[]).includes(name);

function valueFor(name: string, facts: ThreadFacts, language: string, context: FillContext): { value: string; quote: string } | null {
  if (HUMAN_DECIDED_PLACEHOLDERS.has(name)) return null;
  if (name === 'agent_name') return context.agentName;
  if (isFactKey(name)) {
    const fact = facts.facts.find((f) => f.key === name);
    if (!fact || name === 'reason' || name === 'photos_attached') return null;
    return { value: DATE_FACTS.has(name) ? formatDay(fact.value, language) : fact.value, quote: fact.quote };
  }
  const derived = facts.derived[name as keyof ThreadFacts['derived']];
  return derived ? { value: String(derived.value), quote: derived.because } : null;
}

const given = (key: string, facts: ThreadFacts) => facts.facts.some((f) => f.key === key) || key in facts.derived;

export function fillTemplate(template: ReplyTemplate, facts: ThreadFacts, context: FillContext): FilledTemplate {
  const fills = new Map<string, Fill>();
  const unfilled = new Set<string>();
  const lines: FilledLine[] = [];
  for (const line of template.lines) {
    // "If missing x:" asks for x only when the thread does not give it; never ask for what the customer wrote.
    if (line.ifMissing.length > 0 && line.ifMissing.some((k) => given(k, facts))) continue;
    if (line.ifGiven.length > 0 && !line.ifGiven.every((k) => given(k, facts))) continue;
    const text = replacePlaceholders(line.text, (name, fallback) => {
      const found = valueFor(name, facts, template.language, context);
      if (found) {
        fills.set(name, { placeholder: name, value: found.value, quote: found.quote });
        return found.value;
      }
      if (fallback !== null) return fallback;
      unfilled.add(name);
      return null;
    });
    lines.push({ text, asks: line.ifMissing.length > 0, source: line.text });
  }
  for (const { name } of placeholdersIn(lines.map((l) => l.text).join('\n'))) unfilled.add(name);
  return { lines, fills: [...fills.values()], unfilled: [...unfilled] };
}
