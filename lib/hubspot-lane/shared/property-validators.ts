import { z } from 'zod';
import type { PropertyDefinition } from '@/lib/schemas/hubspot';

const NOT_WRITABLE_FIELD_TYPES = new Set(['calculation_equation', 'file']);
const DAY_MS = 86_400_000;

/** Whether anyone may set this property's value through the API. */
export function isWritable(def: PropertyDefinition): boolean {
  return (
    def.calculated !== true &&
    def.modificationMetadata?.readOnlyValue !== true &&
    def.archived !== true &&
    !NOT_WRITABLE_FIELD_TYPES.has(def.fieldType)
  );
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const EPOCH_MS = /^\d{10,14}$/;

function visibleOptionValues(def: PropertyDefinition): string[] {
  return def.options.filter((o) => !o.hidden).map((o) => o.value);
}

/** A zod validator for a value proposed for this property, in HubSpot's write format (always a string). */
export function proposedValueValidator(def: PropertyDefinition): z.ZodType<string> {
  const text = z.string().min(1, 'A proposed value cannot be empty.');
  switch (def.type) {
    case 'enumeration': {
      const allowed = visibleOptionValues(def);
      // Options kept outside the definition (owners, the record's pipeline stages) that could not be read.
      if (allowed.length === 0) return z.string().refine(() => false, `The choices for ${def.label} could not be read from HubSpot: reload the record to try again.`);
      if (def.fieldType === 'checkbox') {
        // Multiple checkboxes: a ';'-joined subset of the options, each once.
        return text.refine((v) => {
          const parts = v.split(';');
          return parts.every((p) => allowed.includes(p)) && new Set(parts).size === parts.length;
        }, `Each value must be one of: ${allowed.join(', ')} (joined with ';').`);
      }
      return text.refine((v) => allowed.includes(v), `Must be one of: ${allowed.join(', ')}.`);
    }
    case 'number':
      return text.regex(/^-?\d+(?:\.\d+)?$/, 'Must be a number such as 12500 or 12.5.');
    case 'date':
      return text.refine(
        (v) => isCalendarDate(v) || (EPOCH_MS.test(v) && Number(v) % DAY_MS === 0),
        'Must be a date as YYYY-MM-DD (or epoch milliseconds at midnight UTC).',
      );
    case 'datetime':
      return text.refine(
        (v) => isCalendarDate(v) || EPOCH_MS.test(v) || (ISO_DATETIME.test(v) && !Number.isNaN(Date.parse(v))),
        'Must be a date and time in ISO 8601 form (or epoch milliseconds).',
      );
    case 'bool':
      return text.refine((v) => v === 'true' || v === 'false', "Must be 'true' or 'false'.");
    case 'phone_number':
      return text.refine((v) => /^[+()\d\s./-]+(?:\s*(?:x|ext\.?)\s*\d+)?$/i.test(v) && (v.match(/\d/g)?.length ?? 0) >= 7, 'Must be a phone number.');
    case 'string':
      return def.fieldType === 'text' ? text.max(65_536).refine((v) => !v.includes('\n'), 'Must be a single line.') : text.max(65_536);
    default:
      return z.string().refine(() => false, `Properties of type ${def.type} are not supported.`);
  }
}

/** Checks a proposed value: the value, or the first reason it is not acceptable. */
export function validateProposedValue(def: PropertyDefinition, value: string): { ok: true; value: string } | { ok: false; reason: string } {
  const parsed = proposedValueValidator(def).safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: parsed.error.issues[0]?.message ?? 'Not a valid value.' };
}

/** Whether two values mean the same for this property (HubSpot reads dates back in other forms than written). */
export function sameValue(def: PropertyDefinition, a: string | null, b: string | null): boolean {
  const left = (a ?? '').trim();
  const right = (b ?? '').trim();
  if (left === '' || right === '') return left === right;
  switch (def.type) {
    case 'number':
      return Number(left) === Number(right);
    case 'date':
    case 'datetime':
      return calendarDayOf(left) !== null && calendarDayOf(left) === calendarDayOf(right);
    case 'enumeration':
      return def.fieldType === 'checkbox' ? sameSet(left.split(';'), right.split(';')) : left === right;
    default:
      return left === right;
  }
}

function calendarDayOf(value: string): string | null {
  if (isCalendarDate(value)) return value;
  const ms = EPOCH_MS.test(value) ? Number(value) : Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((x) => left.has(x));
}
