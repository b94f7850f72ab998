import { findMoney, findQuantity, normaliseNumber } from '@/lib/text/numbers';
import type { Participant } from '@/lib/schemas/thread';
import { firstMatch, type Extraction, type Extractor } from './extraction';

/**
 * What a lead's email says about the lead, read by rules: job title, phone, seats, budget and how they found us, each
 * with the sentence or signature line it was read from. The sender's name, address and company come from the message
 * header; their evidence is the customer's own words that name them, never the value restated.
 */

const TITLE_WORD =
  /\b(?:VP|SVP|EVP|Vice President|Head|Director|Manager|Lead|Chief|CEO|CTO|CFO|COO|CIO|CMO|CISO|Founder|Co-?founder|Owner|President|Engineer|Analyst|Buyer|Officer|Coordinator|Specialist|Consultant|Administrator|Architect|Procurement|Purchasing|Leiter(?:in)?|Gesch[äa]ftsf[üu]hrer(?:in)?|Einkauf)\b/i;
/** "I'm the procurement manager at …", "I'm Ines, VP Data at …", then "As CTO of …" ("Head of Operations at" is one title). */
const TITLE_INTRO = ['at|for|with|bei', 'of'].flatMap((joint) => [
  new RegExp(`\\b(?:I am|I'm|I’m|as)\\s+(?:the\\s+|a\\s+|an\\s+|our\\s+)?((?:[\\p{L}&/-]+\\s+){0,5}?[\\p{L}&/-]+)\\s+(?:${joint})\\s+\\p{Lu}`, 'u'),
  new RegExp(`\\b(?:I am|I'm|I’m|this is)\\s+\\p{Lu}\\p{L}+(?:\\s+\\p{Lu}\\p{L}+)?,\\s+(?:the\\s+)?((?:[\\p{L}&/-]+\\s+){0,5}?[\\p{L}&/-]+)\\s+(?:${joint})\\b`, 'u'),
]);
/** A signature line "VP Data, Tidepool Analytics" or "Head of Operations | Kestrel Foods": the title is its first part. */
const SIGNATURE_SPLIT = /\s*(?:,|\||·|–|—|\s-\s|\sat\s|\sbei\s)\s*/;

function titleIn(text: string): string | null {
  for (const intro of TITLE_INTRO) {
    const m = intro.exec(text);
    if (m?.[1] && TITLE_WORD.test(m[1])) return m[1].trim();
  }
  const line = text.trim();
  // A signature line: short, no sentence, no address or number in it.
  if (line.length > 80 || /[@\d]/.test(line) || /[.!?]$/.test(line)) return null;
  const first = line.split(SIGNATURE_SPLIT)[0]?.trim() ?? '';
  return first && first.split(/\s+/).length <= 6 && TITLE_WORD.test(first) ? first : null;
}

/** "Owner, Lee Bakery Ltd" → "Lee Bakery Ltd": a signature line's company without the title before it. */
export function withoutTitle(line: string): string {
  const [first = '', ...rest] = line.split(SIGNATURE_SPLIT);
  return rest.length > 0 && titleIn(first) !== null ? line.slice(line.indexOf(rest[0]!, first.length)).trim() : line;
}

const PHONE = /(?:\+|\b00)\d[\d\s().\/-]{6,20}\d|\(?\b\d{2,5}\)?[\s.\/-]\d{3,4}[\s.\/-]\d{3,5}\b/;
const PHONE_CUE = /\b(?:tel|telephone|phone|mobile|mob|cell|direct|call me|reach me|whatsapp|telefon|handy)\b|^\s*[TMP]\s*[:.]/i;

function phoneIn(text: string): string | null {
  const m = PHONE.exec(text);
  if (!m) return null;
  const digits = m[0].replace(/\D/g, '').length;
  if (digits < 8 || digits > 15) return null;
  // A number is a phone when the line says so, starts with an international prefix, or is the line.
  const alone = text.replace(m[0], '').replace(/[\s:.,]/g, '').length <= 3;
  return PHONE_CUE.test(text) || /^(?:\+|00)/.test(m[0]) || alone ? m[0].trim() : null;
}

const SEAT_UNITS = new Set(['seats', 'users', 'licenses', 'licences']);
const HEADCOUNT = /\b(?:team|group|staff|department) of (\d[\d.,]*)\b|\b(\d[\d.,]*)\s+(?:people|employees|agents|analysts|engineers|reps|staff|colleagues|Mitarbeiter(?:innen)?|Nutzer)\b/iu;

function seatsIn(text: string): string | null {
  const quantity = findQuantity(text);
  if (quantity && SEAT_UNITS.has(quantity.unit)) return quantity.value;
  const m = HEADCOUNT.exec(text);
  const raw = m?.[1] ?? m?.[2];
  return raw ? normaliseNumber(raw) : null;
}

const BUDGET_CUE = /\b(?:budget|spend|annual(?:ly)?|per year|a year|per annum|yearly|volume|Budget|Jahresvolumen)\b/i;

function budgetIn(text: string): string | null {
  if (!BUDGET_CUE.test(text)) return null;
  const money = findMoney(text);
  return money ? `${money.amount}${money.currency ? ` ${money.currency}` : ''}` : null;
}

/** How the lead found us, most specific first: a partner's referral is routed to the partner manager. */
const SOURCES: [string, RegExp][] = [
  [
    'Partner referral',
    /\b(?:through|via|from|by)\s+(?:a|an|one of your|your|our)?\s*partners?\b|\bpartner\s+(?:referral|referred|recommended|introduced)|\b\p{Lu}[\p{L}-]+\s+Partners?\b[^.]{0,30}\b(?:recommended|referred|suggested|introduced)\b|\b(?:referred|recommended|introduced)\b[^.]{0,30}\bpartner\b/iu,
  ],
  ['Referral', /\b(?:referred|recommended|introduced)\b|\breferral\b/i],
  ['Event', /\b(?:trade ?fair|conference|expo|webinar|booth|meetup|Messe)\b/i],
  ['LinkedIn', /\blinkedin\b/i],
  ['Web search', /\b(?:google|searching|searched|search engine|found you online)\b/i],
];

function sourceIn(text: string): string | null {
  return SOURCES.find(([, cue]) => cue.test(text))?.[0] ?? null;
}

export const leadExtractors: Record<string, Extractor> = {
  jobtitle: (sources) => firstMatch(sources, ({ text }) => titleIn(text)),
  phone: (sources) => firstMatch(sources, ({ text }) => phoneIn(text)),
  seats: (sources) => firstMatch(sources, ({ text }) => seatsIn(text)),
  budget: (sources) => firstMatch(sources, ({ text }) => budgetIn(text)),
  source: (sources) => firstMatch(sources, ({ text }) => sourceIn(text)),
};

const INTEREST = /\b(?:pricing|prices?|quote|quotation|demo|trial|seats|licen[cs]es|purchase|buy|buying|evaluat\w*|interested in|sign up|subscription|plans?|Angebot|Preis\w*)\b/i;

/** The sentence in which the lead asks about buying: the evidence for the values every new lead is proposed with. */
export function leadInterest(sources: Extraction[]): string | null {
  return sources.find(({ text }) => INTEREST.test(text) && !/^(?:re|fwd?):/i.test(text.trim()))?.text.trim() ?? null;
}

/**
 * Evidence for what the header gives (name, address, company): the sentence in which the sender introduces themself,
 * else their signature, else the sender line as Gmail shows it. Keyed by the fields it supports (an RFQ's buyer too).
 */
export function leadIdentity(from: Participant, sources: Extraction[], signature: string | null): Record<string, string> {
  const sender = `${from.name} <${from.email}>`.trim();
  const [first = ''] = from.name.trim().split(/\s+/);
  const names = first.length > 1 ? new RegExp(`\\b(?:I am|I'm|I’m|my name is|this is)\\s+${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i') : null;
  const intro = names ? sources.find(({ text }) => names.test(text))?.text.trim() : undefined;
  const named = intro ?? signature?.trim() ?? sender;
  const company = signature?.trim() || sender;
  return { firstname: named, lastname: named, email: sender, website: sender, company, buyer: company };
}
