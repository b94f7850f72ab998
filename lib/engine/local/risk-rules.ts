import type { RiskFlag } from '@/lib/schemas/lane';

/**
 * Risk flags from lexicons and patterns (English, German, French, Spanish, Dutch).
 * A flag never decides anything: it asks a human to acknowledge the risk before anything leaves the panel.
 */

export interface RiskHit {
  flag: RiskFlag;
  /** The matched words with a little context, or a masked number for personal data. */
  evidence: string;
  confidence: number;
}

interface Rule {
  flag: RiskFlag;
  pattern: RegExp;
  confidence: number;
}

// Whole words only ("court" but not "courtesy"); stems end in \p{L}* so "refunded" and "Rückerstattung" match.
const w = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}])`, 'iu');

/** The words of a security incident under way: flagged here, urgent (urgency-rules.ts), escalated in a local draft. */
export const SECURITY_INCIDENT = w(
  'hacked|compromised|account takeover|phishing|data breach|security breach|unauthori[sz]ed (?:access|login|log-in|sign-in)|suspicious (?:login|activity|sign-in)|(?:logged|signed) in from|did not authori[sz]e|gehackt|piraté',
);

const rules: Rule[] = [
  { flag: 'refund', confidence: 0.9, pattern: w('refund\\p{L}*|money back|reimburs\\p{L}*|pro[- ]?rat(?:a|ed)|reverse the (?:charge|payment)|credit note') },
  { flag: 'refund', confidence: 0.9, pattern: w('r(?:ü|ue)ckerstatt\\p{L}*|erstatt\\p{L}*|geld zur(?:ü|ue)ck|gutschrift\\p{L}*|rembours\\p{L}*|reembols\\p{L}*|devoluci(?:ó|o)n del dinero|terugbetal\\p{L}*|terugstort\\p{L}*') },
  { flag: 'billing_dispute', confidence: 0.95, pattern: w('charge ?backs?|file a dispute|dispute (?:the|this) (?:charge|invoice|payment)|disput(?:e|ed|ing) (?:charge|invoice|amount|payment)') },
  { flag: 'billing_dispute', confidence: 0.85, pattern: w('billed twice|charged twice|double[- ]?(?:charged|billed|charge)|duplicate (?:charge|payment)|overcharg\\p{L}*|unauthori[sz]ed charge|(?:don\'t|do not) recogni[sz]e (?:this|the|a) charge|contest(?:ing)? (?:this|the) (?:invoice|charge)') },
  { flag: 'billing_dispute', confidence: 0.85, pattern: w('doppelt (?:belastet|abgebucht|berechnet)|widersprechen der rechnung|lastschrift zur(?:ü|ue)ck\\p{L}*|zur(?:ü|ue)ckbuchen|r(?:ü|ue)ckbuchung|contest\\p{L}* le montant|cargo duplicado|dubbel (?:betaald|afgeschreven)') },
  { flag: 'pricing_commitment', confidence: 0.85, pattern: w('rfq|request for quot\\p{L}*|quotation|quote (?:for|us|me)|please quote|best (?:price|offer)|price (?:per unit|breaks?)|unit price|discount\\p{L}*|lead[- ]time|moq|minimum order|fob|cif|cfr|exw|dap|ddp|fca|cpt|cip|dpu') },
  { flag: 'pricing_commitment', confidence: 0.85, pattern: w('angebot (?:über|für)|preis\\p{L}*|rabatt\\p{L}*|lieferzeit\\p{L}*|mindestbestellmenge|devis|offre de prix|remise|cotizaci(?:ó|o)n|descuento|offerte|korting') },
  { flag: 'pricing_commitment', confidence: 0.6, pattern: w('pric(?:e|es|ing)|tender') },
  { flag: 'legal', confidence: 0.95, pattern: w('lawyer|attorney|solicitor|legal action|lawsuit|sue you|take (?:you|this) to court|court|subpoena|breach of contract|cease and desist') },
  { flag: 'legal', confidence: 0.8, pattern: w('gdpr|data protection authority|regulator\\p{L}*|compliance|dpa|data processing agreement|contract terms|liabilit\\p{L}*') },
  { flag: 'legal', confidence: 0.9, pattern: w('anwalt\\p{L}*|rechtliche schritte|klage\\p{L}*|gericht\\p{L}*|abmahnung|dsgvo|datenschutzbeh(?:ö|oe)rde|avocat|poursuites|tribunal|abogad\\p{L}*|demanda judicial|advocaat|rechtszaak') },
  { flag: 'security', confidence: 0.9, pattern: SECURITY_INCIDENT },
  // Onboarding requirements a security team decides: single sign-on, a security questionnaire or review, audits.
  { flag: 'security', confidence: 0.75, pattern: w('sso|single sign[- ]on|saml|scim|okta|azure ad|entra id|security questionnaire|security review|vendor (?:security )?assessment|penetration test|pen test|soc ?2|iso ?27001|sicherheitsfragebogen') },
  { flag: 'security', confidence: 0.6, pattern: w('password|2fa|two[- ]factor|locked out|reset link|credentials') },
  { flag: 'security', confidence: 0.85, pattern: w('gehackt|unbefugt\\p{L}*|passwort|kennwort|zugangsdaten|sicherheitsl(?:ü|ue)cke|piraté|mot de passe|contraseña|wachtwoord') },
  { flag: 'medical', confidence: 0.85, pattern: w('diagnos\\p{L}*|medical|prescription|patient\\p{L}*|hospital\\p{L}*|illness|allerg\\p{L}*|doctor|health condition|medication') },
  { flag: 'medical', confidence: 0.85, pattern: w('arzt|(?:ä|ae)rztlich\\p{L}*|krankheit|krankenhaus|rezept|m(?:é|e)dical|m(?:é|e)dico|enfermedad|ziekenhuis') },
  { flag: 'personal_data', confidence: 0.8, pattern: w('date of birth|dob|birth ?date|passport (?:number|no)|social security|national insurance number|geburtsdatum|geboren am|reisepass\\p{L}*|personalausweis\\p{L}*|steuer-?id|sozialversicherungsnummer|date de naissance|fecha de nacimiento') },
];

/** Up to `chars` characters around a match, cut at word boundaries. */
function around(text: string, index: number, length: number, chars = 24): string {
  const start = Math.max(0, index - chars);
  const end = Math.min(text.length, index + length + chars);
  // Context stops at a line break: the subject and the body are not one sentence.
  const before = text.slice(start, index).split('\n').pop() ?? '';
  const after = text.slice(index + length, end).split('\n')[0] ?? '';
  let span = before + text.slice(index, index + length) + after;
  if (before.length === index - start && start > 0) span = span.replace(/^\S*\s/, '');
  if (after.length === end - index - length && end < text.length) span = span.replace(/\s\S*$/, '');
  return span.replace(/\s+/g, ' ').trim();
}

const mask = (digits: string) => `•••• ${digits.slice(-4)}`;

function ibanValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of value) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** IBANs and card numbers, checked by their checksums; the evidence shows only the last four characters. */
function numberHits(text: string): RiskHit[] {
  const hits: RiskHit[] = [];
  for (const m of text.matchAll(/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g)) {
    const iban = m[0].replace(/ /g, '');
    if (iban.length >= 15 && ibanValid(iban)) hits.push({ flag: 'personal_data', evidence: `IBAN ${iban.slice(0, 2)} ${mask(iban)}`, confidence: 0.95 });
  }
  for (const m of text.matchAll(/\b\d(?:[ -]?\d){12,18}\b/g)) {
    const digits = m[0].replace(/\D/g, '');
    if (luhnValid(digits)) hits.push({ flag: 'personal_data', evidence: `card number ${mask(digits)}`, confidence: 0.9 });
  }
  for (const m of text.matchAll(/\b\d{3}-\d{2}-\d{4}\b/g)) hits.push({ flag: 'personal_data', evidence: `number ${mask(m[0].replace(/\D/g, ''))}`, confidence: 0.7 });
  return hits;
}

/** Every risk in the text, one hit per flag (the most confident, then the first). */
export function detectRisks(text: string): RiskHit[] {
  const best = new Map<RiskFlag, RiskHit>();
  const consider = (hit: RiskHit) => {
    const known = best.get(hit.flag);
    if (!known || hit.confidence > known.confidence) best.set(hit.flag, hit);
  };
  for (const rule of rules) {
    const m = rule.pattern.exec(text);
    if (!m) continue;
    // Personal data shows only the keyword, never the value that follows it.
    const evidence = rule.flag === 'personal_data' ? m[0] : around(text, m.index, m[0].length);
    consider({ flag: rule.flag, evidence, confidence: rule.confidence });
  }
  numberHits(text).forEach(consider);
  return [...best.values()];
}
