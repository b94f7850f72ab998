import type { RoutingRule } from '@/lib/schemas/lane';

/**
 * Routing rules and new-lead values as the lane editor shows them, one per line:
 *   seats >= 50 -> lena.voss@example.com | 50 seats or more: enterprise team.
 *   source ~ partner -> marta@example.com | Partner referrals go to the partner manager.
 *   lifecyclestage = lead
 * A line that does not read as a rule is kept as an empty rule, so the lane checks name it and nothing is saved.
 */

const RULE_LINE = /^([a-z][a-z0-9_]*)\s*(>=|~)\s*(.+?)\s*(?:->|→)\s*(\S+)\s*\|\s*(.+)$/i;

export const ruleLine = (rule: RoutingRule): string =>
  `${rule.when.field} ${rule.when.atLeast !== undefined ? `>= ${rule.when.atLeast}` : `~ ${rule.when.matches ?? ''}`} -> ${rule.owner} | ${rule.reason}`;

/** The rule a line states, or null when it states none. */
export function parseRuleLine(line: string): RoutingRule | null {
  const m = RULE_LINE.exec(line.trim());
  if (!m) return null;
  const [, field, op, operand, owner, reason] = m as unknown as [string, string, string, string, string, string];
  if (op === '~') return { when: { field, matches: operand }, owner, reason: reason.trim() };
  const atLeast = Number(operand.replace(/[\s,_]/g, ''));
  return Number.isFinite(atLeast) ? { when: { field, atLeast }, owner, reason: reason.trim() } : null;
}

/** Lines as rules; one that does not parse becomes a rule with no field, which the lane checks refuse at that line. */
export const rulesFromLines = (lines: string[]): RoutingRule[] => lines.map((line) => parseRuleLine(line) ?? { when: { field: '', matches: line }, owner: '', reason: '' });

export const valueLines = (values: Record<string, string>): string[] => Object.entries(values).map(([property, value]) => `${property} = ${value}`);

/** "property = value" lines; a line without "=" is kept with an empty value so the lane checks name it. */
export const valuesFromLines = (lines: string[]): Record<string, string> =>
  Object.fromEntries(lines.map((line) => {
    const at = line.indexOf('=');
    return at < 0 ? [line.trim(), ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  }));
