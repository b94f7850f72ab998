import type { PropertyDefinition, TaskContent } from '@/lib/schemas/hubspot';
import type { EvidenceSource, EvidenceText, FieldCandidate } from '@/lib/schemas/proposal';
import { looksLikeInstruction } from '@/lib/review/instruction-guard';
import { type DateMention, findDate } from '@/lib/text/dates';
import { sentenceSpans, withoutLabel } from '@/lib/text/sentences';

/** A follow-up task read from logged activity: what would be created, and the words it was read from. */
export interface TaskCandidate {
  /** Stable per source and clause, so a record opened again proposes the same task once. */
  key: string;
  content: TaskContent;
  dueBasis: DateMention['basis'];
  reason: string;
  quote: string;
  source: EvidenceSource;
  confidence: number;
}

export interface Recap {
  /** The next step agreed (hs_next_step), for the lane's review gate. */
  fields: FieldCandidate[];
  tasks: TaskCandidate[];
}

const AGREED = /\b(?:we|they|both sides|everyone)\s+(?:have\s+|had\s+)?agreed\s+(?:to|that)\s+(.+)$/i;
// "Tom sends the SSO checklist by Friday", "Lena will book the site visit on June 10".
const ACTION = /^(?:and\s+|then\s+)?(\p{Lu}[\p{L}'-]+)\s+(will\s+|is going to\s+|to\s+)?(\p{Ll}+)\s+(.+)$/u;
/** Capitalised words that start a clause without naming who acts. */
const NOT_A_PERSON = new Set(['we', 'i', 'they', 'you', 'he', 'she', 'it', 'the', 'this', 'that', 'our', 'their', 'next', 'then', 'also', 'both']);
const NOT_A_VERB = new Set(['and', 'or', 'is', 'was', 'has', 'had', 'joined', 'said', 'asked', 'agreed', 'thinks', 'thought']);
const TRAILING_CUE = /\s+(?:by|on|before|until|in|at|no later than)\s*$/i;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const trimClause = (clause: string) => clause.trim().replace(/[.;,!]+$/, '').trim();

/** "sends" → "send", "pushes" → "push", "copies" → "copy"; a verb after will/to is already its base. */
function baseForm(verb: string, hadAuxiliary: boolean): string {
  if (hadAuxiliary) return verb;
  if (/ies$/.test(verb)) return `${verb.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|z|o)es$/.test(verb)) return verb.slice(0, -2);
  if (/[^s]s$/.test(verb)) return verb.slice(0, -1);
  return verb;
}

/** Why a date reads as it does: stated, or inferred (no year, relative) from the day of the activity it came from. */
export function dateReason(date: DateMention, sourceLabel: string): string {
  if (date.basis === 'stated') return `The date ${date.day} is stated.`;
  const how = date.basis === 'year-inferred' ? 'has no year' : 'is relative';
  return `"${date.text}" ${how}: read as ${date.day} from the date of the ${sourceLabel.charAt(0).toLowerCase()}${sourceLabel.slice(1)} (inferred, not stated).`;
}

/** The owner a first name names, among the owner property's options (owner names, read from HubSpot's owners). */
function ownerNamed(name: string, definitions: PropertyDefinition[]): { id: string; label: string } | null {
  const options = definitions.find((d) => d.name === 'hubspot_owner_id')?.options ?? [];
  const found = options.filter((o) => o.label.split(/\s+/)[0]?.toLowerCase() === name.toLowerCase());
  // Two owners with that first name: the text does not say which.
  return found.length === 1 && found[0] ? { id: found[0].value, label: found[0].label } : null;
}

/**
 * What a logged meeting, call or note says was agreed and who does what by when: the next step (one per source) and
 * one follow-up task per action item with a date. Dates are read against the activity's own day. A clause that reads
 * as an instruction to the system is not used.
 */
export function recapOf(sources: EvidenceText[], record: { properties: Record<string, string | null> }, definitions: PropertyDefinition[], now: Date): Recap {
  const recap: Recap = { fields: [], tasks: [] };
  const recordOwner = record.properties.hubspot_owner_id ?? null;
  const recordOwnerLabel = definitions.find((d) => d.name === 'hubspot_owner_id')?.options.find((o) => o.value === recordOwner)?.label ?? recordOwner;
  for (const s of sources) {
    const source: EvidenceSource = { kind: s.kind, ref: s.ref, label: s.label };
    const written = s.date ? new Date(s.date) : now;
    const reference = Number.isNaN(written.getTime()) ? now : written;
    let clauseIndex = 0;
    for (const sentence of sentenceSpans(s.text)) {
      for (const raw of sentence.split(';')) {
        const index = clauseIndex++;
        const quote = trimClause(raw);
        if (!quote || looksLikeInstruction(quote)) continue;
        const date = findDate(quote, reference);

        // The label before a clause ("Action items:") names no one.
        const clause = withoutLabel(quote);
        const agreed = AGREED.exec(clause)?.[1];
        if (agreed && !recap.fields.some((f) => f.source.ref === s.ref)) {
          const step = capitalise(trimClause(agreed));
          const value = date && date.basis !== 'stated' ? `${step} (${date.day})` : step;
          recap.fields.push({
            property: 'hs_next_step',
            value: value.slice(0, 250),
            quote,
            reason: `Agreed in the ${s.label.charAt(0).toLowerCase()}${s.label.slice(1)}.${date ? ` ${dateReason(date, s.label)}` : ''}`,
            confidence: 0.75,
            source,
          });
          continue;
        }

        const action = ACTION.exec(clause);
        if (!action || !date) continue;
        const [, name = '', auxiliary, verb = '', rest = ''] = action;
        if (NOT_A_PERSON.has(name.toLowerCase()) || NOT_A_VERB.has(verb.toLowerCase())) continue;
        const what = rest.replace(date.text, '').replace(/\s{2,}/g, ' ').replace(TRAILING_CUE, '').trim();
        if (!what) continue;
        const named = ownerNamed(name, definitions);
        const ownerId = named?.id ?? recordOwner;
        const ownerReason = named
          ? `${name} is ${named.label} in HubSpot.`
          : `${name} is not a HubSpot user of this portal: assigned to the record's owner${recordOwnerLabel ? ` (${recordOwnerLabel})` : ''}; change it if someone else should do it.`;
        recap.tasks.push({
          key: `${s.ref}#${index}`,
          content: {
            subject: `${capitalise(baseForm(verb, Boolean(auxiliary)))} ${what} (${name})`.slice(0, 500),
            dueDay: date.day,
            ownerId,
            body: `"${quote}" (${s.label})`,
          },
          dueBasis: date.basis,
          reason: `An action item from the ${s.label.charAt(0).toLowerCase()}${s.label.slice(1)}. ${dateReason(date, s.label)} ${ownerReason}`,
          quote,
          source,
          confidence: 0.7,
        });
      }
    }
  }
  return recap;
}
