import { normaliseNumber } from '@/lib/text/numbers';

/**
 * The details a reply must never make up: links, email addresses, phone numbers, account or card numbers and amounts
 * of money. A draft sentence may carry one only when the thread or a passage the sentence cites holds it too; anything
 * else came from the engine (or from text it was talked into following) and is held for the rep.
 */

export type DetailKind = 'url' | 'email' | 'phone' | 'account' | 'amount';

export interface Detail {
  kind: DetailKind;
  /** As written in the sentence. */
  text: string;
  /** What is compared: lower-cased link without scheme, digits only, the number of an amount. */
  key: string;
}

const URL = /\b(?:https?:\/\/|www\.)[^\s<>"'()\]]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|info|biz|xyz|ru|cn|example|de|uk|app|link|me)\b(?:\/[^\s<>"'()\]]*)?/gi;
const EMAIL = /\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+\b/gi;
/** IBAN: country, check digits, then 11–30 letters and digits, often in groups of four. */
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g;
/** A run of at least seven digits written with the separators phone and card numbers use. */
const DIGIT_RUN = /(?<![\w.,])(?:\+\s?)?\(?\d(?:[\s.\-/()]{0,2}\d){6,22}(?![\w])/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = /(?:[$€£¥]|\b(?:USD|EUR|GBP|CHF|JPY|AUD|CAD)\b)\s?\d[\d.,]*|\b\d[\d.,]*\s?(?:[$€£¥]|(?:USD|EUR|GBP|CHF|JPY|AUD|CAD|dollars|euros?|pounds)\b)/gi;
const NUMBER = /\d[\d.,]*/g;
/** More digits than a phone number has: a card or account number. */
const PHONE_MAX_DIGITS = 15;

const urlKey = (url: string) => url.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/[.,;:!?/]+$/, '');
const digits = (text: string) => text.replace(/\D/g, '');

/** Every detail of those kinds in a text, in order of kind. */
export function detailsIn(text: string): Detail[] {
  const out: Detail[] = [];
  const taken: Array<[number, number]> = [];
  const free = (start: number, end: number) => !taken.some(([s, e]) => start < e && end > s);
  const add = (kind: DetailKind, m: RegExpMatchArray, key: string) => {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (!free(start, end) || key === '') return;
    taken.push([start, end]);
    out.push({ kind, text: m[0], key });
  };
  for (const m of text.matchAll(EMAIL)) add('email', m, m[0].toLowerCase());
  for (const m of text.matchAll(URL)) add('url', m, urlKey(m[0]));
  for (const m of text.matchAll(IBAN)) if (/\d{2}/.test(m[0].slice(2, 4)) && m[0].replace(/ /g, '').length >= 15) add('account', m, m[0].replace(/ /g, '').toUpperCase());
  for (const m of text.matchAll(MONEY)) {
    const number = normaliseNumber(/\d[\d.,]*\d|\d/.exec(m[0])?.[0] ?? '');
    if (number !== null) add('amount', m, number);
  }
  for (const m of text.matchAll(DIGIT_RUN)) {
    const raw = m[0].trim();
    if (ISO_DATE.test(raw)) continue;
    const d = digits(raw);
    add(d.length > PHONE_MAX_DIGITS ? 'account' : 'phone', m, d);
  }
  return out;
}

/** What a text offers as support: its details' keys, and every number in it (an amount may be written bare there). */
export function supportKeys(text: string): Set<string> {
  const keys = new Set(detailsIn(text).map((d) => d.key));
  for (const m of text.matchAll(NUMBER)) {
    const n = normaliseNumber(m[0].replace(/[.,]+$/, ''));
    if (n !== null) keys.add(n);
  }
  return keys;
}

/** The details of `sentence` that none of the sources holds. */
export function unsupportedDetails(sentence: string, sources: ReadonlySet<string>): Detail[] {
  const numbers = [...sources].filter((k) => /^\d{7,}$/.test(k));
  // A number written with or without its country code ("+1 415 555 0134", "(415) 555-0134") is the same number.
  const sameNumber = (key: string) => numbers.some((k) => k.endsWith(key) || key.endsWith(k));
  return detailsIn(sentence).filter((d) => !sources.has(d.key) && !((d.kind === 'phone' || d.kind === 'account') && sameNumber(d.key)));
}

export const DETAIL_LABEL: Record<DetailKind, string> = {
  url: 'a link',
  email: 'an email address',
  phone: 'a phone number',
  account: 'an account or card number',
  amount: 'an amount',
};
