import type { FieldCandidates, ProposeFieldsRequest } from '@/lib/engine/types';
import type { EvidenceSource, FieldCandidate } from '@/lib/schemas/proposal';
import { findDate } from '@/lib/text/dates';
import { findMoney, findQuantity } from '@/lib/text/numbers';
import { sentenceSpans } from '@/lib/text/sentences';

/** The local engine's field proposals: rules over each sentence of the notes and emails, and the sender's signature. */

const CONTACT = '0-1';
const COMPANY = '0-2';
const DEAL = '0-3';

const NEGATION = /\b(?:not|never|no longer|yet to|no)\b|n't\b/i;
const UNIT_PRICE = /\b(?:per|each|unit price)\b|\/\s?(?:unit|pc|piece|kg)\b/i;
const AMOUNT_CUE = /\b(?:budget|total|deal|order|quote|quoted|price|contract|value|PO|approved|spend|worth|pay|invoice)\b/i;
const MOQ = /\b(?:MOQ|minimum order)\b/i;
const NEXT_STEP = /\bnext steps?\s*[:\-–—]\s*(.+)$/i;
const CLOSE_CUE = /\b(?:close|closing|sign|signed|signature|contract|PO|purchase order|decision|go[- ]live|deadline|tender)\b/i;
const FOLLOW_UP_CUE = /\b(?:call|meeting|meet|demo|follow[- ]?up|catch up|check in|talk|visit)\b/i;
const SIGNED = /\bsigned\b(?!\s+up)/i;
const SIGNED_OBJECT = /\b(?:contract|agreement|order|PO|deal|quote|proposal|SOW)\b/i;
const READY_TO_BUY = /\bready to (?:buy|purchase|order|sign|move forward|go ahead)\b/i;
const DEMO_BOOKED = /\bdemo\b[^.]{0,30}\b(?:booked|scheduled|confirmed)\b|\b(?:booked|scheduled|confirmed)\b[^.]{0,20}\bdemo\b/i;

/** Stage cues and what each implies per property; the HubSpot lane keeps only forward moves. */
const STAGE_CUES: { test: (s: string) => boolean; cue: string; values: Record<string, string>; confidence: number }[] = [
  { test: (s) => SIGNED.test(s) && SIGNED_OBJECT.test(s), cue: 'signed', values: { lifecyclestage: 'customer', dealstage: 'closedwon' }, confidence: 0.75 },
  { test: (s) => READY_TO_BUY.test(s), cue: 'ready to buy', values: { lifecyclestage: 'opportunity', hs_lead_status: 'OPEN_DEAL', dealstage: 'decisionmakerboughtin' }, confidence: 0.65 },
  { test: (s) => DEMO_BOOKED.test(s), cue: 'demo booked', values: { lifecyclestage: 'salesqualifiedlead', hs_lead_status: 'CONNECTED', dealstage: 'presentationscheduled' }, confidence: 0.65 },
];
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

function dated(what: string, day: string, basis: 'stated' | 'year-inferred' | 'relative', words: string, sourceLabel: string): string {
  if (basis === 'stated') return `${what} of ${day} is stated.`;
  return `${what} is given as "${words}" without a full date: read as ${day} from the date of the ${sourceLabel.toLowerCase()}.`;
}

function sentenceCandidates(sentence: string, source: EvidenceSource, now: Date): FieldCandidate[] {
  const out: FieldCandidate[] = [];
  const add = (property: string, value: string, reason: string, confidence: number) => out.push({ property, value, quote: sentence, reason, confidence, source });
  const question = sentence.trim().endsWith('?');
  const negated = NEGATION.test(sentence.replace(/\bno later than\b/gi, ''));

  const date = findDate(sentence, now);
  if (date && !question) {
    // A date the text did not state in full is an inference: a little less sure, and the reason says so.
    const inferred = date.basis === 'stated' ? 0 : 0.05;
    if (CLOSE_CUE.test(sentence)) add('closedate', date.day, dated('A closing date', date.day, date.basis, date.text, source.label), (negated ? 0.4 : 0.7) - inferred);
    else if (FOLLOW_UP_CUE.test(sentence)) add('notes_next_activity_date', date.day, dated('A follow-up', date.day, date.basis, date.text, source.label), 0.6 - inferred);
  }
  const money = findMoney(sentence);
  // A unit price is not the deal's amount.
  if (money && !UNIT_PRICE.test(sentence) && Number(money.amount) > 0) {
    add('amount', money.amount, `An amount of ${money.currency} ${money.amount} is stated.`, AMOUNT_CUE.test(sentence) ? 0.7 : 0.5);
  }
  const quantity = findQuantity(sentence);
  if (quantity && !MOQ.test(sentence)) add('quantity', quantity.value, `A quantity of ${quantity.value} ${quantity.unit} is stated.`, 0.65);
  const step = NEXT_STEP.exec(sentence)?.[1]?.trim().replace(/[.;]+$/, '');
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
function signatureCandidates(text: string, source: EvidenceSource): FieldCandidate[] {
  const lines = text.split('\n');
  const signOff = lines.findLastIndex((l) => SIGN_OFF_LINE.test(l.trim()));
  if (signOff < 0) return [];
  const block = lines.slice(signOff + 1).map((l) => l.trim()).filter(Boolean).slice(0, 6);
  const out: FieldCandidate[] = [];
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

/** Every candidate the rules find in the sources for this record's type; the review gate and the HubSpot lane decide what is proposed. */
export function extractFieldCandidates({ record, sources, now }: ProposeFieldsRequest): FieldCandidates {
  const candidates: FieldCandidate[] = [];
  const contactEmail = record.properties.email?.toLowerCase() ?? null;
  for (const s of sources) {
    const source: EvidenceSource = { kind: s.kind, ref: s.ref, label: s.label };
    const written = s.date ? new Date(s.date) : now;
    const reference = Number.isNaN(written.getTime()) ? now : written;
    for (const sentence of sentenceSpans(s.text)) {
      candidates.push(...sentenceCandidates(sentence, source, reference).filter((c) => SCOPE[c.property]?.includes(record.objectType)));
    }
    const fromContact = !s.from || !contactEmail || s.from.toLowerCase() === contactEmail;
    if (s.kind === 'email' && fromContact && record.objectType === CONTACT) candidates.push(...signatureCandidates(s.text, source));
  }
  return { candidates, dropped: [] };
}
