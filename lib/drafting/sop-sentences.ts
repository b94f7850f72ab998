import { withoutListMarker } from '@/lib/text/sentences';
import type { FactKey } from './thread-facts';

/**
 * An SOP speaks to two readers. Sentences that tell the agent what to do ("Check the renewal date", "Ask for the
 * order number", "If tracking has not moved, open an investigation") belong in the rep's checklist; only statements
 * of policy a customer may read can become reply text. The same test finds an instruction leaked into any draft.
 */

const AGENT_VERBS =
  'check|ask|offer|escalate|look up|look|record|raise|open|send|give|tell|say|flag|assign|reply|follow|confirm|do not|don\'t|never|mention|explain|acknowledge|stay|use|ship|replace|copy|note|verify|route|forward|create|add|update|log|resend|contact|keep|unlock|reset|quote|propose|attach|request|make sure|ensure|refer|inform|notify|answer|apologi[sz]e|remind|transfer|cancel|issue|collect|capture|let|call|email|point|direct|suggest|invite|file|book|schedule|avoid|decline|refuse|close|prüfen|fragen|bieten|eskalieren|senden|schicken|nennen|erfassen|notieren|weiterleiten|bestätigen|antworten|verweisen';
const IMPERATIVE = new RegExp(`^(?:(?:please|always|first|then|also|only|bitte|immer|zuerst|dann|nur)\\s+)?(?:${AGENT_VERBS})(?![\\p{L}])`, 'iu');
/** German imperatives with "Sie": "Prüfen Sie", "Fragen Sie nach". */
const SIE_IMPERATIVE = /^\p{Lu}\p{Ll}+(?:en|ern|eln)\s+Sie(?![\p{L}])/u;
/** A leading condition ("If tracking has not moved for 3 days, ...") before the instruction. */
const LEADING_CONDITION = /^(?:if|when|whenever|once|after|before|unless|until|for|above|below|over|under|in|on|wenn|falls|sobald|nach|vor|bei|über|unter|ab)\b[^,]{0,160},\s*/i;
/** Sentences about staff, not to the customer: who does what inside the company. */
const ABOUT_STAFF =
  /\b(?:the|a|each|every) (?:rep|agent|support rep|representative)s?\b|\breps?\b|\bsupport (?:never|does not|doesn't|must|should|can|may|only)\b|\b(?:the )?customer(?:'s)?\b|\bthe buyer\b|\bbilling console\b|\bin the ticket\b|\bthe ledger\b|\border system\b|\bthe (?:export sales )?manager (?:approves|confirms|has approved)\b|\bder kunde\b|\bdie kundin\b|\bmitarbeiter\b/i;
/** "Must", "should" addressed to staff, and the SOP's own references to itself. */
const STAFF_MODAL = /\b(?:you must|you should|must be (?:checked|approved|recorded)|needs? (?:approval|to be approved)|this procedure|see the procedure|follow ".+")/i;

const clauses = (sentence: string) =>
  withoutListMarker(sentence)
    // A list item's label ("Partner referrals: the partner manager, and record…") and a second instruction after
    // ", and" are clauses of their own.
    .split(/;\s+|:\s+|,\s+(?:and|or)\s+|\s+(?:and then|then)\s+/u)
    .map((c) => c.trim())
    .filter(Boolean);

/** "Send us", "your order", "senden Sie uns": an imperative addressed to the customer is a request, not an instruction. */
const TO_CUSTOMER = /(?<![\p{L}])(?:us|our|your|yours|uns|unser\p{L}*|ihr\p{L}*|ihnen)(?![\p{L}])/iu;

/** A clause read as an instruction to whoever answers: imperative, after any leading condition, not asking the customer. */
function imperative(clause: string): boolean {
  const body = clause.replace(LEADING_CONDITION, '');
  return (IMPERATIVE.test(body) || SIE_IMPERATIVE.test(body)) && !TO_CUSTOMER.test(body);
}

/** Whether a sentence tells the agent to do something, or talks about staff and the customer in the third person. */
export function isAgentInstruction(sentence: string): boolean {
  const cs = clauses(sentence);
  return cs.some(imperative) || ABOUT_STAFF.test(sentence) || STAFF_MODAL.test(sentence);
}

/** What an "ask for" instruction asks the customer for, as fact keys; nothing when it asks for nothing. */
const ASKABLE: Array<[FactKey, RegExp]> = [
  ['workspace_address', /workspace address|workspace|arbeitsbereich/i],
  ['invoice_number', /invoice numbers?|rechnungsnummer|(?:the|your|an|die|ihre) (?:invoice|rechnung)(?! (?:date|period))(?!\w)/i],
  ['order_number', /order numbers?|order number|bestellnummer|auftragsnummer/i],
  ['reason', /reason|grund/i],
  ['photos_attached', /photos?|pictures?|fotos?|bilder/i],
  ['renewal_date', /renewal date|verlängerungsdatum/i],
  ['amount', /amounts?|betrag|beträge/i],
  ['tracking_number', /tracking number|sendungsnummer/i],
];
const ASK = /\b(?:ask(?: the (?:customer|buyer|requester))? for|ask (?:the (?:customer|buyer) )?to (?:send|give|share|provide)|request|need(?:s|ed)? (?:the|a)|fragen sie nach|bitten sie um|erfragen)\b/i;

export function asksFor(sentence: string): FactKey[] {
  const ask = ASK.exec(sentence);
  if (!ask) return [];
  const rest = sentence.slice(ask.index);
  return ASKABLE.filter(([, pattern]) => pattern.test(rest)).map(([key]) => key);
}

/** A question in the customer's words: the wording a reply would use to ask for a fact, per language. */
export const ASK_WORDING: Record<'en' | 'de', Partial<Record<FactKey, string>>> = {
  en: {
    workspace_address: 'the address of your workspace',
    invoice_number: 'the invoice number',
    order_number: 'your order number',
    reason: 'the reason for cancelling',
    photos_attached: 'photos of the damaged items and of the outer packaging',
    renewal_date: 'the date your annual plan renewed',
    amount: 'the dates and amounts on your statement',
    tracking_number: 'the tracking number',
    expected_delivery_date: 'the delivery date you were given',
    plan: 'whether your plan is billed monthly or annually',
    order_date: 'the date you placed the order',
  },
  de: {
    workspace_address: 'die Adresse Ihres Arbeitsbereichs',
    invoice_number: 'die Rechnungsnummer',
    order_number: 'Ihre Bestellnummer',
    reason: 'den Grund für die Kündigung',
    photos_attached: 'Fotos der beschädigten Artikel und der Außenverpackung',
    renewal_date: 'das Verlängerungsdatum auf Ihrer Rechnung',
    amount: 'die Daten und Beträge auf Ihrem Kontoauszug',
    tracking_number: 'die Sendungsnummer',
    expected_delivery_date: 'den Liefertermin, der Ihnen genannt wurde',
    plan: 'ob Ihr Tarif monatlich oder jährlich abgerechnet wird',
    order_date: 'das Bestelldatum',
  },
};

/** Words a reply uses to ask the customer for something: a draft sentence with one of these asks for information. */
const REPLY_ASK = /\b(?:could you|can you|would you|please (?:send|share|provide|tell|let us know|confirm|reply with|give)|we (?:need|will need|would need)|send us|let us know|könnten sie|können sie|bitte (?:senden|schicken|nennen|teilen)|senden sie uns|teilen sie uns|nennen sie uns|wir benötigen)\b/i;

/** The facts a sentence of a reply asks the customer for. */
export function replyAsksFor(sentence: string): FactKey[] {
  if (!REPLY_ASK.test(sentence) && !/\?\s*$/.test(sentence)) return [];
  const keys = ASKABLE.filter(([, pattern]) => pattern.test(sentence)).map(([key]) => key);
  return keys;
}

/** Whether a passage tells the agent to ask the customer for something. */
export const asksCustomer = (passage: { text: string }): boolean => asksFor(passage.text).length > 0;
