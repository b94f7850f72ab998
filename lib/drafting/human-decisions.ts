import type { Lane, RiskFlag } from '@/lib/schemas/lane';
import { findDate } from '@/lib/text/dates';
import { findMoney } from '@/lib/text/numbers';

/**
 * Sentences that state what only a person may decide: a price, a discount, a lead time, a delivery date, a refund
 * amount. Which of these a lane reserves for humans is read from its "decisions not made" list, so a team that edits
 * its lanes changes what is flagged.
 */

export type HumanDecision = 'price' | 'discount' | 'lead_time' | 'delivery_date' | 'refund_amount';

/** The risk acknowledgement a stated decision would make meaningless while the sentence stays. */
export const FLAG_OF: Record<HumanDecision, RiskFlag> = {
  price: 'pricing_commitment',
  discount: 'pricing_commitment',
  lead_time: 'pricing_commitment',
  delivery_date: 'pricing_commitment',
  refund_amount: 'refund',
};

const RESERVED_BY: Record<HumanDecision, RegExp> = {
  price: /\bprice|pricing|amount\b/i,
  discount: /\bdiscount/i,
  lead_time: /\blead time/i,
  delivery_date: /\bdelivery date|start dates? promised/i,
  refund_amount: /\brefund|credit|money movement/i,
};

/** What this lane reserves for humans. */
export function reservedDecisions(lane: Pick<Lane, 'decisionsNotMade'> | null | undefined): HumanDecision[] {
  const text = (lane?.decisionsNotMade ?? []).join('\n');
  return (Object.keys(RESERVED_BY) as HumanDecision[]).filter((d) => RESERVED_BY[d].test(text));
}

const PRICE_CUE = /(?<![\p{L}])(?:price|priced|cost|costs|quote|quoted|per (?:unit|piece|pc|pcs)|each|unit|preis|kostet|kosten|stückpreis|je stück|pro stück)(?![\p{L}])/iu;
const DISCOUNT = /(?<![\p{L}\d])\d{1,2}(?:[.,]\d)?\s?%\s?(?:off|discount|rabatt|nachlass|skonto)|(?:discount|rabatt|nachlass) of \d/iu;
const DURATION = /(?<![\p{L}\d])\d{1,3}(?:\s?(?:-|–|to|bis)\s?\d{1,3})?\s+(?:business |working |calendar )?(?:days?|weeks?|months?|werktage?n?|arbeitstage?n?|tage?n?|wochen?)(?![\p{L}])/iu;
const LEAD_CUE = /(?<![\p{L}])(?:lead time|ship(?:s|ped|ping)?|dispatch(?:ed)?|deliver(?:y|ed|s)?|production|produced|manufactur\p{L}*|ready|lieferzeit|liefer\p{L}*|versand\p{L}*|versendet|produktion|verschickt)(?![\p{L}])/iu;
const REFUND_CUE = /(?<![\p{L}])(?:refund\p{L}*|credit(?:ed)?|reimburse\p{L}*|erstatt\p{L}*|gutschrift|rückerstattung)(?![\p{L}])/iu;
/** "is/are/will be" + number: a statement, not a question or a request for the figure. */
const QUESTION = /\?\s*$/;

/** What a sentence states that only a person decides, among the decisions given. */
export function statedDecisions(sentence: string, reserved: readonly HumanDecision[], reference = new Date()): HumanDecision[] {
  if (QUESTION.test(sentence) || /\{\{/.test(sentence)) return [];
  const found: HumanDecision[] = [];
  const money = findMoney(sentence);
  if (reserved.includes('refund_amount') && money && REFUND_CUE.test(sentence)) found.push('refund_amount');
  else if (reserved.includes('price') && money && PRICE_CUE.test(sentence)) found.push('price');
  if (reserved.includes('discount') && DISCOUNT.test(sentence)) found.push('discount');
  if (reserved.includes('lead_time') && DURATION.test(sentence) && LEAD_CUE.test(sentence) && !REFUND_CUE.test(sentence)) found.push('lead_time');
  if (reserved.includes('delivery_date') && LEAD_CUE.test(sentence) && !DURATION.test(sentence) && findDate(sentence, reference)?.basis === 'stated') found.push('delivery_date');
  return found;
}

export const DECISION_LABEL: Record<HumanDecision, string> = {
  price: 'a price',
  discount: 'a discount',
  lead_time: 'a lead time',
  delivery_date: 'a delivery date',
  refund_amount: 'a refund amount',
};
