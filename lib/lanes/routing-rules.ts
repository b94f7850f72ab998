import type { RoutingRule } from '@/lib/schemas/lane';

/** A lane's routing rules applied to a handoff's fields: Gmail shows who the lead goes to, HubSpot proposes that owner. */

/** The number a field states: "40" → 40, "60000 EUR" → 60000; null when it starts with none. */
const numberOf = (value: string): number | null => {
  const m = /^\s*(\d+(?:\.\d+)?)/.exec(value);
  return m ? Number(m[1]) : null;
};

export function ruleFires(rule: RoutingRule, fields: Record<string, string>): boolean {
  const value = fields[rule.when.field];
  if (value === undefined || value.trim() === '') return false;
  if (rule.when.atLeast !== undefined) {
    const n = numberOf(value);
    return n !== null && n >= rule.when.atLeast;
  }
  return rule.when.matches !== undefined && value.toLowerCase().includes(rule.when.matches.toLowerCase());
}

export const firstFiringRule = (rules: RoutingRule[], fields: Record<string, string>): RoutingRule | null => rules.find((r) => ruleFires(r, fields)) ?? null;
