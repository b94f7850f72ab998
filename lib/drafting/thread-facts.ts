import type { TriageInput } from '@/lib/schemas/triage-input';
import { daysBetween, findDate } from '@/lib/text/dates';
import { findMoney, findQuantity } from '@/lib/text/numbers';
import { sentenceSpans } from '@/lib/text/sentences';

/**
 * What the customer's messages state, each fact with the sentence it came from, so a filled placeholder or a
 * "supplied" checklist item can show its quote. Patterns only (EN and DE): the thread is data, never instructions.
 */

export const FACT_KEYS = [
  'customer_first_name',
  'order_number',
  'invoice_number',
  'workspace_address',
  'renewal_date',
  'order_date',
  'expected_delivery_date',
  'amount',
  'reason',
  'photos_attached',
  'tracking_number',
  'tracking_idle_days',
  'quantity',
  'plan',
  'deadline',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];

export interface ThreadFact {
  key: FactKey;
  value: string;
  /** The sentence of the thread that states it, verbatim. */
  quote: string;
}

/** Numbers the SOP's conditions compare, derived from the facts and the latest message's date. */
export type DerivedKey = 'days_since_renewal' | 'days_since_order' | 'days_late' | 'tracking_idle_days' | 'order_value' | 'days_to_deadline';

export interface ThreadFacts {
  facts: ThreadFact[];
  derived: Partial<Record<DerivedKey, { value: number; because: string }>>;
  /** The date the latest customer message was written (ISO day): relative words are read from it. */
  messageDay: string;
}

type Message = TriageInput['messages'][number];

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A date the sentence names in the past: "yesterday", "3 days ago", "on March 3" (last March 3 when no year). */
export function findPastDate(sentence: string, reference: Date): { day: string; text: string } | null {
  const today = Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), reference.getUTCDate());
  const yesterday = /(?<![\p{L}])(yesterday|gestern)(?![\p{L}])/iu.exec(sentence);
  if (yesterday) return { day: isoDay(today - DAY_MS), text: yesterday[0] };
  const ago = /(?<![\p{L}])(?:(\d{1,3}) (days?|weeks?) ago|vor (\d{1,3}) (tagen|wochen))(?![\p{L}])/iu.exec(sentence);
  if (ago) {
    const n = Number(ago[1] ?? ago[3]);
    const weeks = /^w/i.test(ago[2] ?? ago[4] ?? '');
    return { day: isoDay(today - n * (weeks ? 7 : 1) * DAY_MS), text: ago[0] };
  }
  const lastWeek = /(?<![\p{L}])(last week|letzte woche)(?![\p{L}])/iu.exec(sentence);
  if (lastWeek) return { day: isoDay(today - 7 * DAY_MS), text: lastWeek[0] };
  const found = findDate(sentence, reference);
  if (!found || found.basis === 'relative') return null;
  if (found.basis === 'year-inferred' && Date.parse(found.day) > today) {
    const d = new Date(found.day);
    return { day: isoDay(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate())), text: found.text };
  }
  return { day: found.day, text: found.text };
}

const ORDER = /(?<![\p{L}])(?:order|bestellung|bestellnummer|auftrag|auftragsnummer|po|commande|pedido|bestelling|ordine)(?:\s*(?:number|no\.?|nr\.?|nummer|n[°º]|#))?\s*[#:]?\s*(?:(?:is|ist|lautet|was|war)\s+)?([A-Z]{0,3}-?\d{4,})(?![\p{L}\d])/iu;
// "INV-2026-1187" is one number: the groups after the first are part of it.
const INVOICE = /(?<![\p{L}\d])(INV-\d{3,}(?:-[\p{L}\d]+)*|(?:(?:invoice|rechnung|rechnungsnummer|facture|factura|factuur|fattura)(?:\s*(?:number|no\.?|nr\.?|nummer|n[°º]|#))?\s*[#:]?\s*(?:(?:is|ist|lautet)\s+)?)([A-Z]{0,3}-?\d{4,}(?:-[\p{L}\d]+)*))(?![\p{L}\d])/iu;
const HOST = /(?<![@\w.-])((?:[a-z0-9-]+\.)+[a-z]{2,})(?![\w@-])/i;
const WORKSPACE_CUE = /workspace|arbeitsbereich|instance|instanz|account|konto|tenant/i;
const RENEWAL = /renew|renewal|verl(?:ä|ae)nger|erneuer|abgebucht|charged|belastet/i;
const ORDERED = /\b(?:ordered|placed (?:the|our|an?) order|bestellt|bestellung vom)\b/i;
const EXPECTED = /(?:should have (?:arrived|been delivered)|was (?:due|supposed to arrive|expected)|due on|expected on|sollte (?:am|bis)|geliefert werden sollte|h(?:ä|ae)tte .* ankommen|war .* angek(?:ü|ue)ndigt|liefertermin)/i;
const REASON = /(?<![\p{L}])(?:because|since we|as we|we (?:moved|switched|changed|no longer|don't|do not|have not used|haven't used|stopped)|we(?: are|'re) (?:moving|switching|changing|closing)|no longer need|not using|too expensive|reason|weil|da wir|wir (?:nutzen|brauchen|haben|sind) .*(?:nicht mehr|gewechselt|umgestiegen)|nicht mehr (?:nutzen|benötigen|brauchen)|grund)(?![\p{L}])/iu;
const PHOTOS = /(?:attach|enclos|anbei|im anhang|beigef(?:ü|ue)gt|angeh(?:ä|ae)ngt|h(?:ä|ae)nge[^.]{0,40}\ban\b|see the photos|here are (?:the |some )?(?:photos|pictures))/i;
/** An attached file that is a picture, by its name. */
const IMAGE_FILE = /\.(?:jpe?g|png|gif|heic|heif|webp|bmp|tiff?)$/i;
const PHOTO_WORD = /photo|picture|image|foto|bild|aufnahme/i;
const TRACKING = /(?:tracking|sendungs?)(?:\s*(?:number|no\.?|nr\.?|nummer|id|code))?\s*[#:]?\s*([A-Z0-9]{8,})(?![\p{L}\d])/iu;
const IDLE = /(?:not (?:moved|been updated|changed)|no (?:movement|update)|hasn't (?:moved|changed|been updated)|stuck|keine bewegung|nicht mehr aktualisiert|unver(?:ä|ae)ndert|steht seit)[^.]*?(?:(?:for|in|seit)\s+(\d{1,2})\s+(?:business\s+|working\s+|werk)?(?:days?|tage?n?)|since\s+(.+))/i;
const ANNUAL = /(?<![\p{L}])(annual|yearly|jahres\p{L}*|j(?:ä|ae)hrlich\p{L}*)(?![\p{L}])/iu;
const MONTHLY = /(?<![\p{L}])(monthly|month-to-month|monats\p{L}*|monatlich\p{L}*)(?![\p{L}])/iu;
const DEADLINE = /(?<![\p{L}])(?:by|before|until|no later than|closes? on|closing on|deadline|due|bis|vor|sp(?:ä|ae)testens|frist|endet am|schlie(?:ß|ss)t am)(?![\p{L}])/iu;

/** First name of a person's display name; null when it does not look like a name. */
export function firstName(name: string): string | null {
  const first = name.trim().split(/\s+/)[0] ?? '';
  return /^\p{Lu}[\p{L}'-]*$/u.test(first) && !/support|team|info|sales|news/i.test(name) ? first : null;
}

function factsOfSentence(sentence: string, reference: Date, push: (key: FactKey, value: string) => void): void {
  const order = ORDER.exec(sentence);
  if (order?.[1] && !/^INV/i.test(order[1])) push('order_number', order[1]);
  const invoice = INVOICE.exec(sentence);
  if (invoice) push('invoice_number', invoice[2] ?? invoice[1]!);
  const host = HOST.exec(sentence);
  if (host?.[1] && (WORKSPACE_CUE.test(sentence) || /-app\./i.test(host[1]))) push('workspace_address', host[1].toLowerCase());
  if (RENEWAL.test(sentence)) {
    const day = findPastDate(sentence, reference);
    if (day) push('renewal_date', day.day);
  }
  if (ORDERED.test(sentence)) {
    const day = findPastDate(sentence, reference);
    if (day) push('order_date', day.day);
  }
  if (EXPECTED.test(sentence)) {
    const day = findPastDate(sentence, reference) ?? findDate(sentence, reference);
    if (day) push('expected_delivery_date', day.day);
  }
  const money = findMoney(sentence);
  if (money) push('amount', money.text);
  if (REASON.test(sentence)) push('reason', sentence);
  if (PHOTOS.test(sentence) && PHOTO_WORD.test(sentence)) push('photos_attached', 'yes');
  const tracking = TRACKING.exec(sentence);
  if (tracking?.[1] && /\d/.test(tracking[1])) push('tracking_number', tracking[1]);
  const idle = IDLE.exec(sentence);
  if (idle) {
    if (idle[1]) push('tracking_idle_days', idle[1]);
    else {
      const since = findPastDate(idle[2] ?? '', reference);
      if (since) push('tracking_idle_days', String(businessDaysBetween(since.day, isoDay(reference.getTime()))));
    }
  }
  const quantity = findQuantity(sentence);
  if (quantity) push('quantity', quantity.text);
  const annual = ANNUAL.exec(sentence);
  const monthly = MONTHLY.exec(sentence);
  if (annual && !monthly) push('plan', 'annual');
  else if (monthly && !annual) push('plan', 'monthly');
  if (DEADLINE.test(sentence)) {
    const day = findDate(sentence, reference);
    if (day && Date.parse(day.day) >= Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), reference.getUTCDate())) push('deadline', day.day);
  }
}

/** Monday to Friday between two ISO days, the first excluded. */
export function businessDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let ms = Date.parse(from) + DAY_MS; ms <= Date.parse(to); ms += DAY_MS) {
    const day = new Date(ms).getUTCDay();
    if (day !== 0 && day !== 6) n++;
  }
  return n;
}

const dayOf = (message: Message | undefined): Date => {
  const parsed = message?.date ? Date.parse(message.date) : NaN;
  return Number.isNaN(parsed) ? new Date() : new Date(parsed);
};

/**
 * Facts from the customer's messages, newest first wins for each key (a corrected order number replaces the old).
 * Each message is read relative to its own date; the first name comes from the latest customer's display name.
 */
export function readThreadFacts(subject: string, customer: readonly Message[]): ThreadFacts {
  const byKey = new Map<FactKey, ThreadFact>();
  const latest = customer.at(-1);
  const reference = dayOf(latest);
  const name = latest ? firstName(latest.from.name) : null;
  if (name && latest) byKey.set('customer_first_name', { key: 'customer_first_name', value: name, quote: `From: ${latest.from.name}` });
  const sources = [{ text: subject, date: reference, attachments: [] as readonly string[] }, ...customer.map((m) => ({ text: m.text, date: dayOf(m), attachments: m.attachments ?? [] }))];
  // Oldest first: a later message overrides an earlier one (a corrected order number); within one, the first mention stands.
  for (const source of sources) {
    const own = new Map<FactKey, ThreadFact>();
    for (const sentence of sentenceSpans(source.text)) {
      factsOfSentence(sentence, source.date, (key, value) => {
        if (!own.has(key)) own.set(key, { key, value, quote: sentence });
      });
    }
    const pictures = source.attachments.filter((name) => IMAGE_FILE.test(name));
    if (pictures.length > 0 && !own.has('photos_attached')) own.set('photos_attached', { key: 'photos_attached', value: 'yes', quote: `Attached: ${pictures.join(', ')}` });
    for (const [key, fact] of own) byKey.set(key, fact);
  }
  const facts = [...byKey.values()];
  const messageDay = isoDay(reference.getTime());
  return { facts, derived: deriveNumbers(byKey, messageDay), messageDay };
}

function deriveNumbers(facts: Map<FactKey, ThreadFact>, messageDay: string): ThreadFacts['derived'] {
  const derived: ThreadFacts['derived'] = {};
  const renewal = facts.get('renewal_date');
  if (renewal) derived.days_since_renewal = { value: daysBetween(renewal.value, messageDay), because: renewal.quote };
  const ordered = facts.get('order_date');
  if (ordered) derived.days_since_order = { value: daysBetween(ordered.value, messageDay), because: ordered.quote };
  const expected = facts.get('expected_delivery_date');
  if (expected) derived.days_late = { value: businessDaysBetween(expected.value, messageDay), because: expected.quote };
  const idle = facts.get('tracking_idle_days');
  if (idle) derived.tracking_idle_days = { value: Number(idle.value), because: idle.quote };
  const amount = facts.get('amount');
  const money = amount ? findMoney(amount.quote) : null;
  if (amount && money) derived.order_value = { value: Number(money.amount), because: amount.quote };
  const deadline = facts.get('deadline');
  if (deadline) derived.days_to_deadline = { value: daysBetween(messageDay, deadline.value), because: deadline.quote };
  return derived;
}

export const factOf = (facts: ThreadFacts, key: FactKey): ThreadFact | undefined => facts.facts.find((f) => f.key === key);
