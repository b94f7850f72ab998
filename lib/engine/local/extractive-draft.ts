import type { DraftRequest } from '@/lib/engine/types';
import { categoryById } from '@/lib/lanes/categories';
import { type Draft, type DraftSentence, draftText } from '@/lib/schemas/draft';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { sentenceSpans } from '@/lib/text/sentences';
import { tokenize } from './text-features';
import { latestCustomerMessage } from './thread-text';

/**
 * An extractive, cited draft: every claim restates a sentence of a retrieved SOP passage and cites it.
 * Nothing is taken from the email but the customer's first name, so instructions in an email cannot
 * become promises in the reply. Without grounding it abstains: a holding reply and an escalation.
 */

const MAX_CLAIMS = 4;
const MAX_CLAIMS_PER_PASSAGE = 2;
const WORDS_PER_PIECE = 4;

const STOPWORDS = new Set(
  ('a an and are as at be but by can could do for from have how i if in into is it its me my no not of on or our please so ' +
    'that the their them there this to up us was we were what when where which who will with would you your hi hello thanks ' +
    'der die das und ist nicht wir sie ihr ein eine für mit den dem von zu bitte uns unsere guten tag können noch').split(' '),
);

const copy = {
  en: {
    greeting: (name: string | null) => (name ? `Hi ${name},\n` : 'Hello,\n'),
    thanks: 'Thank you for your message.',
    holding: 'We are checking this with the right team and will come back to you as soon as we can.',
    closing: '\nBest regards,',
    claim: (s: string, n: number) => `${['Per our policy, ', 'Also, ', 'In addition, ', 'Finally, '][n] ?? ''}${s}`,
    escalation: (to: string, why: string) => `\n[[Escalated to ${to}: ${why}. Review before replying.]]`,
  },
  de: {
    greeting: (name: string | null) => (name ? `Hallo ${name},\n` : 'Guten Tag,\n'),
    thanks: 'vielen Dank für Ihre Nachricht.',
    holding: 'Wir klären das mit dem zuständigen Team und melden uns so bald wie möglich bei Ihnen.',
    closing: '\nMit freundlichen Grüßen',
    claim: (s: string, n: number) => `${['Gemäß unserer Richtlinie: ', 'Außerdem: ', 'Zudem: ', 'Schließlich: '][n] ?? ''}${s}`,
    escalation: (to: string, why: string) => `\n[[Escalated to ${to}: ${why}. Review before replying.]]`,
  },
};

/** What only a human can fill in, per category. */
const placeholders: Record<string, { en: string; de: string }> = {
  refund_request: { en: 'refund amount and the date it reaches the customer', de: 'Erstattungsbetrag und Datum der Gutschrift' },
  billing_dispute: { en: 'what the invoice check found and the correction, if any', de: 'Ergebnis der Rechnungsprüfung und ggf. Korrektur' },
  shipping_delay: { en: 'current shipment status and new delivery date', de: 'aktueller Sendungsstatus und neues Lieferdatum' },
  damaged_order: { en: 'replacement or return option and dispatch date', de: 'Ersatz- oder Rücksendeoption und Versanddatum' },
  rfq: { en: 'unit price, MOQ and lead time approved by the export sales desk', de: 'Stückpreis, Mindestmenge und Lieferzeit (Freigabe Exportvertrieb)' },
  lead_inquiry: { en: 'proposed demo slot', de: 'vorgeschlagener Demo-Termin' },
  meeting_followup: { en: 'confirmed action items and dates', de: 'bestätigte Aufgaben und Termine' },
  onboarding_request: { en: 'kickoff date and onboarding contact', de: 'Kickoff-Termin und Ansprechpartner' },
};
const ORDER_CATEGORIES = new Set(['refund_request', 'billing_dispute', 'shipping_delay', 'damaged_order']);
const HAS_ORDER_NUMBER = /(?:order|invoice|inv|bestellung|rechnung|auftrag|commande|pedido|po)\s*[-#:.no]*\s*[a-z]*-?\d{3,}/i;

const EXAMPLE = /^(?:example|e\.g\.|for example|for instance|beispiel|z\.\s?b\.)\b/i;

const contentWords = (text: string) => new Set(tokenize(text).filter((t) => t.length > 2 && !STOPWORDS.has(t)).map((t) => t.slice(0, 6)));

/** "Refunds are issued…" becomes "refunds are issued…" after "Per our policy,"; acronyms keep their capitals. */
const restate = (sentence: string) => (/^[A-Z][a-z]/.test(sentence) ? sentence[0]!.toLowerCase() + sentence.slice(1) : sentence);

interface Candidate {
  passage: number;
  position: number;
  text: string;
  score: number;
}

function chooseClaims(request: DraftRequest, question: string): Candidate[] {
  const category = categoryById(request.classification.category.value);
  const wanted = contentWords(`${question} ${category?.label ?? ''} ${category?.intent ?? ''}`);
  const candidates: Candidate[] = [];
  request.retrieval.passages.forEach((passage, p) => {
    sentenceSpans(passage.text).forEach((raw, position) => {
      const sentence = raw.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '');
      const words = tokenize(sentence);
      // Worked examples illustrate a rule; they are not the rule a reply may state.
      if (words.length < 5 || sentence.length > 320 || sentence.includes('[[') || EXAMPLE.test(sentence)) return;
      let score = 0;
      for (const word of contentWords(sentence)) if (wanted.has(word)) score += 1;
      if (passage.matchText.includes(sentence)) score += 0.5;
      if (score >= 1) candidates.push({ passage: p, position, text: sentence, score });
    });
  });
  const perPassage = new Map<number, number>();
  const chosen = [...candidates]
    .sort((a, b) => b.score - a.score || a.passage - b.passage || a.position - b.position)
    .filter((c) => {
      const n = perPassage.get(c.passage) ?? 0;
      if (n >= MAX_CLAIMS_PER_PASSAGE) return false;
      perPassage.set(c.passage, n + 1);
      return true;
    })
    .slice(0, MAX_CLAIMS);
  return chosen.sort((a, b) => a.passage - b.passage || a.position - b.position);
}

function firstName(name: string): string | null {
  const first = name.trim().split(/\s+/)[0] ?? '';
  return /^\p{L}[\p{L}'-]*$/u.test(first) ? first : null;
}

export function composeDraft(request: DraftRequest, ownDomains: readonly string[] = []): Draft {
  const { input, classification, lane, retrieval } = request;
  const lang = classification.language.value === 'de' ? 'de' : 'en';
  const t = copy[lang];
  const customer = latestCustomerMessage(input, ownDomains);
  const sentences: DraftSentence[] = [{ text: t.greeting(customer ? firstName(customer.from.name) : null), citations: [], kind: 'greeting' }];
  const claims = retrieval.grounded ? chooseClaims(request, `${input.subject} ${customer?.text ?? ''}`) : [];
  const escalateTo = lane.failureFeedback.escalateTo;

  if (claims.length === 0) {
    const why = retrieval.grounded ? 'no SOP passage answers this question' : 'the SOP library does not cover this question';
    sentences.push(
      { text: t.thanks, citations: [], kind: 'closing' },
      { text: t.holding, citations: [], kind: 'closing' },
      { text: t.escalation(escalateTo, why), citations: [], kind: 'escalation' },
      { text: t.closing, citations: [], kind: 'closing' },
    );
    return { sentences, passages: retrieval.passages, abstained: true, escalateTo };
  }

  claims.forEach((claim, n) => sentences.push({ text: t.claim(restate(claim.text), n), citations: [claim.passage + 1], kind: 'claim' }));
  const category = classification.category.value;
  if (ORDER_CATEGORIES.has(category) && !HAS_ORDER_NUMBER.test(`${input.subject} ${customer?.text ?? ''}`)) {
    sentences.push({ text: `\n[[${lang === 'de' ? 'Bestellnummer' : 'order number'}]]`, citations: [], kind: 'placeholder' });
  }
  const fill = placeholders[category];
  if (fill) sentences.push({ text: `\n[[${fill[lang]}]]`, citations: [], kind: 'placeholder' });
  // Legal and medical judgement is never automated: the draft stays, and a human is asked to review it.
  const judgement = classification.riskFlags.find((f) => f.flag === 'legal' || f.flag === 'medical');
  if (judgement) sentences.push({ text: t.escalation(escalateTo, `${judgement.flag} question ("${judgement.evidence}")`), citations: [], kind: 'escalation' });
  sentences.push({ text: t.closing, citations: [], kind: 'closing' });
  return { sentences, passages: retrieval.passages, abstained: false, escalateTo: judgement ? escalateTo : null };
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const aborted = () => fail('draft_aborted', 'The draft was stopped.', 'Start the draft again when you are ready.');

/** Streams the draft's text through onText in groups of a few words, in order, stopping when the signal aborts. */
export async function streamDraft(draft: Draft, request: Pick<DraftRequest, 'onText' | 'signal'>): Promise<Result<Draft>> {
  let sent = '';
  for (let n = 1; n <= draft.sentences.length; n++) {
    const text = draftText({ sentences: draft.sentences.slice(0, n) });
    const delta = text.startsWith(sent) ? text.slice(sent.length) : text;
    const words = delta.match(/\s*\S+|\s+$/g) ?? [];
    for (let i = 0; i < words.length; i += WORDS_PER_PIECE) {
      if (request.signal?.aborted) return aborted();
      request.onText?.(words.slice(i, i + WORDS_PER_PIECE).join(''));
    }
    sent = text;
    await nextTurn();
  }
  if (request.signal?.aborted) return aborted();
  return ok(draft);
}
