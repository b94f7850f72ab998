import type { Lane } from '@/lib/schemas/lane';
import type { EvidenceSource, FieldProposal, HandoffPacket } from '@/lib/schemas/proposal';
import type { PropertyDefinition } from '@/lib/schemas/hubspot';
import { isWritable, sameValue, validateProposedValue } from '@/lib/hubspot-lane/shared/property-validators';

/** A note or email as text. `from` is the sender's address, when known (signatures count only from the record's contact). */
export interface TextSource {
  ref: string;
  label: string;
  text: string;
  from?: string;
}

export interface ProposeFieldsInput {
  record: { objectType: string; objectId: string; properties: Record<string, string | null> };
  definitions: PropertyDefinition[];
  lane: Lane;
  /** Untrusted text, oldest first: on equal confidence the later evidence wins. */
  sources: { notes?: TextSource[]; emails?: TextSource[]; handoffs?: HandoffPacket[] };
  /** "next Friday" and dates without a year are read relative to this. */
  now: Date;
}

export interface DroppedProposal {
  property: string;
  reason: string;
}

export interface ProposeFieldsResult {
  proposals: FieldProposal[];
  /** Candidates not proposed, with why, for the audit log. */
  dropped: DroppedProposal[];
  /** Sources left out because they contain instructions to the system (refs only: never their text). */
  ignoredSources: { ref: string; reason: string }[];
}

export interface Candidate {
  property: string;
  /** A day is 'YYYY-MM-DD' and is put in the property's own date form at the end. */
  value: string;
  quote: string;
  reason: string;
  confidence: number;
  source: EvidenceSource;
}

const CONTACT = '0-1';
const COMPANY = '0-2';
const DEAL = '0-3';

// Instructions are not evidence: text that addresses the system (or tries to set fields) is never read for facts.
const INSTRUCTION_PATTERNS = [
  /\b(?:ignore|disregard|forget|override)\b[^.\n]{0,40}\b(?:instructions?|prompts?|rules|guidelines|above)\b/i,
  /\b(?:set|change|update|mark|make|put)\b[^.\n]{0,40}?\b(?:amount|stage|lifecycle|lead status|close ?date|field|property|properties|value|owner|status|price)\b[^.\n]{0,30}?\b(?:to|as)\b/i,
  /\byou\s+(?:must|should|need to|have to|are required to|will now)\b/i,
  /\bas an? (?:ai|assistant|language model|llm)\b/i,
  /\b(?:system|developer)\s+(?:prompt|message|instructions?)\b/i,
  /\b(?:dear|hey|attention|note to the)\s+(?:ai|assistant|bot|model|llm|crm)\b/i,
];

export function looksLikeInstruction(sentence: string): boolean {
  return INSTRUCTION_PATTERNS.some((p) => p.test(sentence));
}

const NEGATION = /\b(?:not|never|no longer|yet to|no)\b|n't\b/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_MS = 86_400_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const startOfDay = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

function validDay(year: number, month: number, day: number): number | null {
  const ms = Date.UTC(year, month, day);
  return new Date(ms).getUTCDate() === day && new Date(ms).getUTCMonth() === month ? ms : null;
}

/** The first date a sentence names, as 'YYYY-MM-DD' (UTC calendar days); dates without a year are the next such day. */
export function findDate(sentence: string, now: Date): string | null {
  const today = startOfDay(now);
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(sentence);
  if (iso) {
    const ms = validDay(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
    if (ms !== null) return isoDay(ms);
  }
  const monthDay = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?`, 'i').exec(sentence);
  const dayMonth = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4}))?`, 'i').exec(sentence);
  const named = monthDay
    ? { month: monthDay[1], day: monthDay[2], year: monthDay[3] }
    : dayMonth
      ? { month: dayMonth[2], day: dayMonth[1], year: dayMonth[3] }
      : null;
  if (named?.month && named.day) {
    const month = MONTHS.indexOf(named.month.slice(0, 3).toLowerCase());
    const day = Number(named.day);
    if (named.year) {
      const ms = validDay(Number(named.year), month, day);
      if (ms !== null) return isoDay(ms);
    } else {
      const thisYear = validDay(now.getUTCFullYear(), month, day);
      if (thisYear !== null) return isoDay(thisYear >= today ? thisYear : (validDay(now.getUTCFullYear() + 1, month, day) ?? thisYear));
    }
  }
  if (/\btomorrow\b/i.test(sentence)) return isoDay(today + DAY_MS);
  const weekday = /\b(next|this|on)\s+(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/i.exec(sentence);
  if (weekday?.[1] && weekday[2]) {
    const target = WEEKDAYS.indexOf(weekday[2].toLowerCase());
    const todayIndex = new Date(today).getUTCDay();
    let ahead = (target - todayIndex + 7) % 7 || 7;
    // "next Friday" is the Friday of next week; "this/on Friday" the coming one.
    if (weekday[1].toLowerCase() === 'next') {
      const daysToNextMonday = ((8 - todayIndex) % 7) || 7;
      if (ahead < daysToNextMonday) ahead += 7;
    }
    return isoDay(today + ahead * DAY_MS);
  }
  return null;
}

/** "12,500" → "12500", "8.000" → "8000", "8.000,50" → "8000.5", "12.50" → "12.5". */
export function normaliseNumber(raw: string): string | null {
  const text = raw.replace(/\s/g, '');
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  let decimal: ',' | '.' | null = null;
  if (lastComma >= 0 && lastDot >= 0) decimal = lastComma > lastDot ? ',' : '.';
  else {
    const sep = lastComma >= 0 ? ',' : lastDot >= 0 ? '.' : null;
    if (sep) {
      const count = text.split(sep).length - 1;
      const after = text.length - text.lastIndexOf(sep) - 1;
      decimal = count === 1 && after !== 3 ? sep : null;
    }
  }
  const thousands = decimal === ',' ? '.' : ',';
  let cleaned = text.split(thousands).join('');
  if (decimal === null) cleaned = cleaned.replace(/[.,]/g, '');
  else if (decimal === ',') cleaned = cleaned.replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(cleaned)) return null;
  return String(Number(cleaned));
}

const MONEY = /(?:([$€£]|\b(?:USD|EUR|GBP))\s?(\d[\d.,\s]*\d|\d)(\s?[kK]\b)?)|(?:\b(\d[\d.,]*\d|\d)\s?(USD|EUR|GBP|dollars|euros|pounds)\b)/;
const CURRENCY: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', dollars: 'USD', euros: 'EUR', pounds: 'GBP' };
const UNIT_PRICE = /\b(?:per|each|unit price)\b|\/\s?(?:unit|pc|piece|kg)\b/i;
const AMOUNT_CUE = /\b(?:budget|total|deal|order|quote|quoted|price|contract|value|PO|approved|spend|worth|pay|invoice)\b/i;
const QUANTITY = /\b(\d[\d.,]*)\s*(units|pcs|pieces|cases|cartons|pallets|boxes|sensors|devices|gateways|licen[cs]es|seats)\b/i;
const MOQ = /\b(?:MOQ|minimum order)\b/i;
const NEXT_STEP = /\bnext steps?\s*[:\-–—]\s*(.+)$/i;
const CLOSE_CUE = /\b(?:close|closing|sign|signed|signature|contract|PO|purchase order|decision|go[- ]live|deadline|tender)\b/i;
const FOLLOW_UP_CUE = /\b(?:call|meeting|meet|demo|follow[- ]?up|catch up|check in|talk|visit)\b/i;
const SIGNED = /\bsigned\b(?!\s+up)/i;
const SIGNED_OBJECT = /\b(?:contract|agreement|order|PO|deal|quote|proposal|SOW)\b/i;
const READY_TO_BUY = /\bready to (?:buy|purchase|order|sign|move forward|go ahead)\b/i;
const DEMO_BOOKED = /\bdemo\b[^.]{0,30}\b(?:booked|scheduled|confirmed)\b|\b(?:booked|scheduled|confirmed)\b[^.]{0,20}\bdemo\b/i;

/** Stage cues and what each implies per property; only forward moves survive (see FORWARD_ONLY). */
const STAGE_CUES: { test: (s: string) => boolean; cue: string; values: Record<string, string>; confidence: number }[] = [
  { test: (s) => SIGNED.test(s) && SIGNED_OBJECT.test(s), cue: 'signed', values: { lifecyclestage: 'customer', dealstage: 'closedwon' }, confidence: 0.75 },
  { test: (s) => READY_TO_BUY.test(s), cue: 'ready to buy', values: { lifecyclestage: 'opportunity', hs_lead_status: 'OPEN_DEAL', dealstage: 'decisionmakerboughtin' }, confidence: 0.65 },
  { test: (s) => DEMO_BOOKED.test(s), cue: 'demo booked', values: { lifecyclestage: 'salesqualifiedlead', hs_lead_status: 'CONNECTED', dealstage: 'presentationscheduled' }, confidence: 0.65 },
];
const FORWARD_ONLY = new Set(['lifecyclestage', 'dealstage']);
/** Which object types each extracted property applies to. */
const SCOPE: Record<string, string[]> = {
  closedate: [DEAL],
  amount: [DEAL],
  quantity: [DEAL],
  hs_next_step: [DEAL],
  dealstage: [DEAL],
  notes_next_activity_date: [CONTACT, COMPANY, DEAL],
  lifecyclestage: [CONTACT, COMPANY],
  hs_lead_status: [CONTACT],
  jobtitle: [CONTACT],
  phone: [CONTACT],
};

// "9. Februar" (a day number before a month) does not end a sentence; "by March 28. Our budget" does.
const MONTH_AFTER_DAY = /^\s+(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)/i;

/** Sentences as exact, trimmed spans of the text, so each can be quoted as evidence. */
export function sentenceSpans(text: string): string[] {
  const spans: string[] = [];
  let start = 0;
  const boundary = /[.!?]+(?=\s)|\n+/g;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m.index + m[0].length;
    if (/(?:^|\s)\d{1,2}\.$/.test(text.slice(start, end)) && MONTH_AFTER_DAY.test(text.slice(end))) continue;
    const span = text.slice(start, end).trim();
    if (span) spans.push(span);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) spans.push(rest);
  return spans;
}

function sentenceCandidates(sentence: string, source: EvidenceSource, now: Date): Candidate[] {
  const out: Candidate[] = [];
  const add = (property: string, value: string, reason: string, confidence: number) =>
    out.push({ property, value, quote: sentence, reason, confidence, source });
  const question = sentence.trim().endsWith('?');
  const negated = NEGATION.test(sentence.replace(/\bno later than\b/gi, ''));

  const day = findDate(sentence, now);
  if (day && !question) {
    if (CLOSE_CUE.test(sentence)) add('closedate', day, `A closing date of ${day} is stated.`, negated ? 0.4 : 0.7);
    else if (FOLLOW_UP_CUE.test(sentence)) add('notes_next_activity_date', day, `A follow-up on ${day} is stated.`, 0.6);
  }
  const money = MONEY.exec(sentence);
  // A unit price is not the deal's amount.
  if (money && !UNIT_PRICE.test(sentence)) {
    const symbol = money[1] ?? money[5] ?? '';
    const amount = normaliseNumber(money[2] ?? money[4] ?? '');
    const currency = CURRENCY[symbol.toLowerCase()] ?? CURRENCY[symbol] ?? symbol.toUpperCase();
    if (amount !== null && Number(amount) > 0) {
      const value = money[3] ? String(Number(amount) * 1000) : amount;
      add('amount', value, `An amount of ${currency} ${value} is stated.`, AMOUNT_CUE.test(sentence) ? 0.7 : 0.5);
    }
  }
  const quantity = QUANTITY.exec(sentence);
  if (quantity?.[1] && !MOQ.test(sentence)) {
    const units = normaliseNumber(quantity[1]);
    if (units !== null && Number(units) > 0) add('quantity', units, `A quantity of ${units} ${quantity[2] ?? 'units'} is stated.`, 0.65);
  }
  const nextStep = NEXT_STEP.exec(sentence);
  const step = nextStep?.[1]?.trim().replace(/[.;]+$/, '');
  if (step) add('hs_next_step', step.slice(0, 250), 'The next step is written out.', 0.8);
  if (!question && !negated) {
    for (const stage of STAGE_CUES) {
      if (!stage.test(sentence)) continue;
      for (const [property, value] of Object.entries(stage.values)) add(property, value, `The text says "${stage.cue}".`, stage.confidence);
    }
  }
  return out;
}

const SIGN_OFF_LINE = /^(?:best|best regards|kind regards|warm regards|regards|thanks|thank you|many thanks|cheers|sincerely|all the best|--)[,!.]?$/i;
const TITLE_WORDS = /\b(?:manager|director|head|vp|vice president|president|chief|officer|lead|engineer|buyer|purchaser|specialist|coordinator|founder|co-founder|owner|partner|analyst|consultant|executive|administrator|supervisor|ceo|cto|cfo|coo|cmo|procurement|purchasing)\b/i;
const PHONE = /(?:^|\b(?:tel|phone|mobile|mob|cell|direct|office|t|m|p)\.?\s*[:.]?\s*)(\+?\(?\d[\d\s().-]{5,}\d)(?:\s*(?:x|ext\.?)\s*\d+)?/i;

/** Job title and phone from the signature block under a sign-off line. */
function signatureCandidates(text: string, source: EvidenceSource): Candidate[] {
  const lines = text.split('\n');
  const signOff = lines.findLastIndex((l) => SIGN_OFF_LINE.test(l.trim()));
  if (signOff < 0) return [];
  const block = lines.slice(signOff + 1).map((l) => l.trim()).filter(Boolean).slice(0, 6);
  const out: Candidate[] = [];
  // The first line is the name; a title may share it ("Priya Raman | Head of Procurement").
  block.forEach((line, i) => {
    const parts = line.split(/\s+[|–—•]\s+|\s+-\s+/);
    const title = parts.find((part, p) => (i > 0 || p > 0) && TITLE_WORDS.test(part) && part.length <= 80 && !/[@\d]/.test(part));
    if (title && !out.some((c) => c.property === 'jobtitle')) {
      out.push({ property: 'jobtitle', value: title.trim(), quote: title.trim(), reason: 'Job title in the email signature.', confidence: 0.7, source });
    }
    const phone = PHONE.exec(line);
    const digits = phone?.[1]?.replace(/\D/g, '') ?? '';
    if (phone?.[0] && digits.length >= 7 && digits.length <= 15 && !out.some((c) => c.property === 'phone')) {
      const number = phone[0].slice(phone[0].indexOf(phone[1] ?? '')).trim();
      out.push({ property: 'phone', value: number, quote: line, reason: 'Phone number in the email signature.', confidence: 0.7, source });
    }
  });
  return out;
}

function handoffCandidates(packet: HandoffPacket): Candidate[] {
  const source: EvidenceSource = { kind: 'handoff', ref: packet.id, label: `Customer's email (${packet.fromThreadId}), via the ${packet.lane} handoff` };
  return Object.entries(packet.fields).map(([property, value]) => ({
    property,
    value,
    // The customer's own sentence when the packet kept it; a value given by the thread itself (its sender) otherwise.
    quote: packet.evidence?.[property] ?? value,
    reason: `Proposed in the ${packet.lane} lane from thread ${packet.fromThreadId}.`,
    confidence: 0.75,
    source,
  }));
}

/** A day 'YYYY-MM-DD' in the property's own form; other values as they are. */
function inPropertyForm(def: PropertyDefinition, value: string, now: Date): string {
  const day = def.type === 'date' || def.type === 'datetime' ? (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : findDate(value, now)) : null;
  if (day === null) return value;
  return def.type === 'datetime' ? `${day}T00:00:00.000Z` : day;
}

function optionOrder(def: PropertyDefinition, value: string | null): number {
  return def.options.findIndex((o) => o.value === value);
}

/**
 * Proposes field updates for one HubSpot record from notes, emails and handoff packets, by rules.
 * Only properties the lane allows, that exist and are writable in the portal, with values the portal accepts.
 */
export function proposeFieldsLocally(input: ProposeFieldsInput): ProposeFieldsResult {
  const { record, definitions, lane, now } = input;
  const { texts, ignoredSources } = evidenceSources(input);
  const candidates: Candidate[] = [];
  const contactEmail = record.properties.email?.toLowerCase() ?? null;
  for (const packet of input.sources.handoffs ?? []) {
    if (packet.status !== 'waiting') continue;
    if (contactEmail && packet.contactEmail.toLowerCase() !== contactEmail) {
      ignoredSources.push({ ref: packet.id, reason: 'Handoff is for another contact.' });
      continue;
    }
    candidates.push(...handoffCandidates(packet));
  }
  for (const { s, kind } of texts) {
    const source: EvidenceSource = { kind, ref: s.ref, label: s.label };
    for (const sentence of sentenceSpans(s.text)) {
      candidates.push(...sentenceCandidates(sentence, source, now).filter((c) => SCOPE[c.property]?.includes(record.objectType)));
    }
    const fromContact = !s.from || !contactEmail || s.from.toLowerCase() === contactEmail;
    if (kind === 'email' && fromContact && record.objectType === CONTACT) candidates.push(...signatureCandidates(s.text, source));
  }

  return { ...gateCandidates({ record, definitions, lane, now }, candidates), ignoredSources };
}

/** Notes and emails that may serve as evidence: a source that tries to instruct the system is left out whole. */
export function evidenceSources(input: Pick<ProposeFieldsInput, 'sources'>): {
  texts: { s: TextSource; kind: 'note' | 'email' }[];
  ignoredSources: ProposeFieldsResult['ignoredSources'];
} {
  const ignoredSources: ProposeFieldsResult['ignoredSources'] = [];
  const all = [
    ...(input.sources.notes ?? []).map((s) => ({ s, kind: 'note' as const })),
    ...(input.sources.emails ?? []).map((s) => ({ s, kind: 'email' as const })),
  ];
  const texts = all.filter(({ s }) => {
    if (!sentenceSpans(s.text).some(looksLikeInstruction)) return true;
    ignoredSources.push({ ref: s.ref, reason: 'Contains instructions addressed to the system; not used as evidence.' });
    return false;
  });
  return { texts, ignoredSources };
}

/**
 * The one gate every proposed value passes, whichever engine found it: the lane's allow-list, the portal's
 * definitions (exists, writable, value accepted), not the current value, forward-only stages, the confidence floor.
 * The most confident candidate per property wins.
 */
export function gateCandidates(
  { record, definitions, lane, now }: Pick<ProposeFieldsInput, 'record' | 'definitions' | 'lane' | 'now'>,
  candidates: Candidate[],
): Pick<ProposeFieldsResult, 'proposals' | 'dropped'> {
  const dropped: DroppedProposal[] = [];
  const drop = (property: string, reason: string) => {
    if (!dropped.some((d) => d.property === property && d.reason === reason)) dropped.push({ property, reason });
  };
  if (!lane.processing.actions.includes('propose_fields')) {
    for (const c of candidates) drop(c.property, `The ${lane.name} lane does not propose field updates.`);
    return { proposals: [], dropped };
  }

  const best = new Map<string, { candidate: Candidate; value: string; def: PropertyDefinition }>();
  for (const c of candidates) {
    if (!lane.processing.writableProperties.includes(c.property)) {
      drop(c.property, 'not in lane allow-list');
      continue;
    }
    const def = definitions.find((d) => d.name === c.property);
    if (!def) {
      drop(c.property, 'no such property in this HubSpot portal');
      continue;
    }
    if (!isWritable(def)) {
      drop(c.property, 'read-only in this HubSpot portal');
      continue;
    }
    const value = inPropertyForm(def, c.value, now);
    const valid = validateProposedValue(def, value);
    if (!valid.ok) {
      drop(c.property, `value not accepted by the property: ${valid.reason}`);
      continue;
    }
    const current = record.properties[c.property] ?? null;
    if (sameValue(def, current, value)) {
      drop(c.property, 'already the current value');
      continue;
    }
    if (FORWARD_ONLY.has(c.property) && current !== null && optionOrder(def, value) <= optionOrder(def, current)) {
      drop(c.property, `would move ${def.label} back from ${current}`);
      continue;
    }
    if (c.confidence < lane.qualityChecks.confidenceFloor) {
      drop(c.property, `confidence ${c.confidence} below the lane's floor of ${lane.qualityChecks.confidenceFloor}`);
      continue;
    }
    const held = best.get(c.property);
    if (!held || c.confidence >= held.candidate.confidence) best.set(c.property, { candidate: c, value, def });
  }

  const proposals: FieldProposal[] = [...best.values()].map(({ candidate: c, value, def }) => ({
    id: `${record.objectType}/${record.objectId}/${c.property}/${c.source.ref}`,
    objectType: record.objectType,
    objectId: record.objectId,
    property: c.property,
    label: def.label,
    currentValue: record.properties[c.property] ?? null,
    proposedValue: value,
    reason: c.reason,
    evidence: { quote: c.quote, source: c.source },
    confidence: c.confidence,
    humanDecision: lane.humanDecisionProperties.includes(c.property),
    status: 'pending',
  }));
  return { proposals, dropped };
}
