/** Numbers, amounts and quantities as written in mail, in the thousands and decimal styles people use. */

/** "12,500" → "12500", "8.000" → "8000", "8.000,50" → "8000.5", "12.50" → "12.5"; null when it is no number. */
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

export interface MoneyMention {
  /** Normalised, with a "k" suffix multiplied out. */
  amount: string;
  /** ISO code (USD, EUR, GBP) when the text gives one. */
  currency: string;
  text: string;
}

const MONEY = /(?:([$€£]|\b(?:USD|EUR|GBP|CHF))\s?(\d[\d.,\s]*\d|\d)(\s?[kK]\b)?)|(?:\b(\d[\d.,]*\d|\d)\s?(USD|EUR|GBP|CHF|dollars|euros?|pounds|€|\$|£)(?![\p{L}]))/u;
const CURRENCY: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', dollars: 'USD', euros: 'EUR', euro: 'EUR', pounds: 'GBP' };

/** The first amount of money a sentence names. */
export function findMoney(sentence: string): MoneyMention | null {
  const m = MONEY.exec(sentence);
  if (!m) return null;
  const symbol = m[1] ?? m[5] ?? '';
  const amount = normaliseNumber((m[2] ?? m[4] ?? '').trim());
  if (amount === null) return null;
  const currency = CURRENCY[symbol.toLowerCase()] ?? CURRENCY[symbol] ?? symbol.toUpperCase();
  return { amount: m[3] ? String(Number(amount) * 1000) : amount, currency, text: m[0].trim() };
}

const UNITS = '(?:pcs|pieces|units|sets|pairs|cases|cartons|boxes|pallets|kg|tons?|tonnes?|metres|meters|rolls|seats|users|licen[cs]es|devices|sensors|gateways|stück|stk)';
const QUANTITY = new RegExp(`(?<![\\p{L}\\d.,])(\\d[\\d.,]*)\\s*(${UNITS})(?![\\p{L}])(?!\\s+(?:per|each|/))`, 'iu');

export interface QuantityMention {
  value: string;
  unit: string;
  text: string;
  index: number;
}

/** The first count of things a sentence names ("20,000 pcs", "50 seats"); "50 pcs per box" is a packing rule, not a count. */
export function findQuantity(sentence: string): QuantityMention | null {
  const m = QUANTITY.exec(sentence);
  const value = m?.[1] ? normaliseNumber(m[1]) : null;
  if (!m || value === null || Number(value) <= 0) return null;
  return { value, unit: m[2]!.toLowerCase(), text: m[0], index: m.index };
}
