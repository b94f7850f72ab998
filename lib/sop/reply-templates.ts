import type { Passage } from '@/lib/schemas/sop';

/**
 * Reply templates inside SOPs, the way support teams keep macros: a section headed "Reply template" (or
 * "Reply template (de): full refund", "Antwortvorlage (de)") whose first lines may say which categories it is for
 * and when it applies, followed by the reply with `{{placeholders}}`:
 *
 *   ## Reply template: full refund
 *   For: refund_request
 *   When: days_since_renewal <= 14
 *
 *   Hi {{customer_first_name|there}},
 *   If missing invoice_number: Could you send us the invoice number?
 *
 * `{{name|fallback}}` uses the fallback when the thread does not give the value. A line starting
 * "If missing a, b:" is kept only when the thread gives none of them; "If given a:" only when it gives all.
 */

export interface TemplateCondition {
  fact: string;
  op: '<=' | '<' | '>=' | '>' | '=' | '!=' | 'missing' | 'given';
  value: string | null;
  /** As the SOP wrote it, for the checklist's "decided by" line. */
  text: string;
}

export interface TemplateLine {
  text: string;
  /** Kept only when the thread gives none of these. */
  ifMissing: string[];
  /** Kept only when the thread gives all of these. */
  ifGiven: string[];
}

export interface ReplyTemplate {
  passageId: string;
  sopId: string;
  /** The heading's own words after "Reply template", or the SOP title. */
  label: string;
  language: string;
  /** Categories it answers; empty means any category the SOP is retrieved for. */
  categories: string[];
  conditions: TemplateCondition[];
  lines: TemplateLine[];
}

const HEADING = /^(?:reply template|antwortvorlage|reply macro)(?:\s*\(([a-z]{2})\))?\s*(?:[:–—-]\s*(.+))?$/i;
const CONDITION = /^([a-z][a-z0-9_]*)\s*(<=|>=|!=|<|>|=)\s*([^\s].*?)$/i;

/** The heading of a template section, or null. The last heading of a passage's path is its own. */
export function templateHeading(headingPath: readonly string[]): { language: string; label: string | null } | null {
  const own = headingPath.at(-1);
  const m = own ? HEADING.exec(own.trim()) : null;
  return m ? { language: (m[1] ?? 'en').toLowerCase(), label: m[2]?.trim() ?? null } : null;
}

export const isTemplatePassage = (passage: Pick<Passage, 'headingPath'>): boolean => templateHeading(passage.headingPath) !== null;

function parseConditions(text: string): TemplateCondition[] | string {
  const out: TemplateCondition[] = [];
  for (const part of text.split(/\s+and\s+|\s+und\s+|\s*;\s*|\s*&&\s*/i)) {
    const clause = part.trim();
    if (!clause) continue;
    const presence = /^(missing|given)\s+([a-z][a-z0-9_]*)$/i.exec(clause);
    if (presence) {
      out.push({ fact: presence[2]!.toLowerCase(), op: presence[1]!.toLowerCase() as 'missing' | 'given', value: null, text: clause });
      continue;
    }
    const m = CONDITION.exec(clause);
    if (!m) return `"${clause}" is not a condition (write it as "fact <= 14", "plan = monthly" or "missing order_number")`;
    out.push({ fact: m[1]!.toLowerCase(), op: m[2] as TemplateCondition['op'], value: m[3]!.trim(), text: clause });
  }
  return out;
}

const keys = (list: string) => list.split(/\s*,\s*|\s+and\s+|\s+or\s+/).map((k) => k.trim().toLowerCase()).filter(Boolean);

/** A template from a passage under a template heading; a string says why the passage is not a usable template. */
export function parseReplyTemplate(passage: Passage): ReplyTemplate | string {
  const heading = templateHeading(passage.headingPath);
  if (!heading) return 'not a reply template section';
  let categories: string[] = [];
  let conditions: TemplateCondition[] = [];
  const lines: TemplateLine[] = [];
  let header = true;
  for (const raw of passage.text.split('\n')) {
    const line = raw.trim();
    const meta = header ? /^(for|when|wenn|für):\s*(.+)$/i.exec(line) : null;
    if (meta) {
      const key = meta[1]!.toLowerCase();
      if (key === 'for' || key === 'für') categories = keys(meta[2]!);
      else {
        const parsed = parseConditions(meta[2]!);
        if (typeof parsed === 'string') return parsed;
        conditions = parsed;
      }
      continue;
    }
    if (line) header = false;
    const missing = /^if missing ([a-z0-9_ ,]+):\s*(.+)$/i.exec(line);
    const given = /^if given ([a-z0-9_ ,]+):\s*(.+)$/i.exec(line);
    if (missing) lines.push({ text: missing[2]!, ifMissing: keys(missing[1]!), ifGiven: [] });
    else if (given) lines.push({ text: given[2]!, ifMissing: [], ifGiven: keys(given[1]!) });
    else lines.push({ text: line, ifMissing: [], ifGiven: [] });
  }
  while (lines[0]?.text === '') lines.shift();
  while (lines.at(-1)?.text === '') lines.pop();
  if (lines.length === 0) return 'the template has no reply text';
  return { passageId: passage.id, sopId: passage.sopId, label: heading.label ?? passage.sopTitle, language: heading.language, categories, conditions, lines };
}

/** Every template of an SOP's passages, and the template sections that could not be read (with why). */
export function templatesOf(passages: readonly Passage[]): { templates: ReplyTemplate[]; problems: Array<{ passageId: string; heading: string; reason: string }> } {
  const templates: ReplyTemplate[] = [];
  const problems: Array<{ passageId: string; heading: string; reason: string }> = [];
  for (const passage of passages) {
    if (!isTemplatePassage(passage)) continue;
    const parsed = parseReplyTemplate(passage);
    if (typeof parsed === 'string') problems.push({ passageId: passage.id, heading: passage.headingPath.join(' / '), reason: parsed });
    else templates.push(parsed);
  }
  return { templates, problems };
}
