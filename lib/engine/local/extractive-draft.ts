import type { DraftRequest } from '@/lib/engine/types';
import { type Draft, type DraftSentence, draftText } from '@/lib/schemas/draft';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { sentenceSpans, withoutListMarker } from '@/lib/text/sentences';
import { footingOf, type Footing } from '@/lib/sop/retrieve';
import { sopTagsOf } from '@/lib/lanes/taxonomy';
import type { Category } from '@/lib/schemas/lane';
import { buildChecklist, agentInstructions } from '@/lib/drafting/checklist';
import { chooseTemplate } from '@/lib/drafting/conditions';
import { answerTo, customerQuestions } from '@/lib/drafting/customer-questions';
import { fillTemplate, type FillContext, type FilledTemplate } from '@/lib/drafting/fill-template';
import { reservedDecisions, statedDecisions } from '@/lib/drafting/human-decisions';
import { ASK_WORDING, asksFor, isAgentInstruction } from '@/lib/drafting/sop-sentences';
import { factOf, firstName, readThreadFacts, type FactKey } from '@/lib/drafting/thread-facts';
import { isTemplatePassage, templatesOf } from '@/lib/sop/reply-templates';
import { SECURITY_INCIDENT } from './risk-rules';
import { tokenize } from './text-features';
import { customerMessages } from './thread-text';

/**
 * The local draft. With a reply template that fits the category and the thread's facts, the draft is that template,
 * its placeholders filled from the thread (each fill remembered with its sentence) and unfilled ones left visible.
 * Without one it restates the SOP's customer-facing statements, never its instructions to the agent, and asks only
 * for what the thread does not give. Nothing is taken from the email but facts matched by pattern, so instructions in
 * an email cannot become promises in the reply. Without grounding it abstains: a holding reply and an escalation.
 */

const MAX_CLAIMS = 3;
const MAX_CLAIMS_PER_PASSAGE = 2;
const WORDS_PER_PIECE = 4;

const STOPWORDS = new Set(
  ('a an and are as at be but by can could do for from have how i if in into is it its me my no not of on or our please so ' +
    'that the their them there this to up us was we were what when where which who will with would you your hi hello thanks ' +
    'der die das und ist nicht wir sie ihr ein eine für mit den dem von zu bitte uns unsere guten tag können noch').split(' '),
);

const copy = {
  en: {
    greeting: (name: string | null) => (name ? `Hi ${name},\n\n` : 'Hello,\n\n'),
    thanks: 'Thank you for your message.',
    holding: 'We are checking this with the right team and will come back to you as soon as we can.',
    settled: 'Thank you for letting us know; we are glad it is sorted.',
    closing: (agent: string | null) => `\n\nBest regards,${agent ? `\n${agent}` : ''}`,
    ask: (items: string) => `Could you send us ${items}?`,
    and: ' and ',
    escalation: (to: string, why: string) => `\n[[Escalated to ${to}: ${why}. Review before replying.]]`,
  },
  de: {
    greeting: (name: string | null) => (name ? `Hallo ${name},\n\n` : 'Guten Tag,\n\n'),
    thanks: 'vielen Dank für Ihre Nachricht.',
    holding: 'Wir klären das mit dem zuständigen Team und melden uns so bald wie möglich bei Ihnen.',
    settled: 'vielen Dank für Ihre Rückmeldung – schön, dass alles geklappt hat.',
    closing: (agent: string | null) => `\n\nMit freundlichen Grüßen${agent ? `\n${agent}` : ''}`,
    ask: (items: string) => `Könnten Sie uns bitte ${items} senden?`,
    and: ' und ',
    escalation: (to: string, why: string) => `\n[[Escalated to ${to}: ${why}. Review before replying.]]`,
  },
};

/** A last message that closes the matter ("all good", "works now", "hat sich erledigt"); a thank-you alone does not. */
const SETTLED = /(?<![\p{L}])(?:all good|all set|all sorted|(?:is|has been|got|been) (?:solved|resolved|sorted(?: out)?|fixed)|problem solved|that did the trick|works (?:now|again|fine now)|(?:is )?working (?:now|again)|no further (?:help|action|questions)|you can close (?:the|this) (?:ticket|case)|(?:thanks|thank you|cheers) for (?:sorting|fixing|resolving|solving|taking care of) (?:this|that|it)(?: out)?|in (?:perfect|good|great) (?:condition|shape)|funktioniert (?:jetzt|wieder)|hat sich erledigt|(?:ist )?alles (?:gut|in ordnung|erledigt))(?![\p{L}])/iu;
/** …unless the same message raises something else ("all good, but the second box is still missing"). */
const STILL_OPEN = /(?<![\p{L}])(?:but|however|still|except|missing|broken|damaged|wrong|aber|jedoch|noch|fehlt|fehlen|kaputt|beschädigt)(?![\p{L}])/iu;

const EXAMPLE = /^(?:example|e\.g\.|for example|for instance|beispiel|z\.\s?b\.)\b/i;
/**
 * A sentence a reply can say on its own: not the lower-case tail of a list ("a signed DPA when…") nor a label and its
 * items ("Agenda: goals, data import, SSO").
 */
const FRAGMENT = /^[\p{Ll}]|^[\p{L}-]+(?: [\p{L}-]+)?:\s/u;

const contentWords = (text: string) => new Set(tokenize(text).filter((t) => t.length > 2 && !STOPWORDS.has(t)).map((t) => t.slice(0, 6)));

interface Candidate {
  passage: number;
  position: number;
  text: string;
  score: number;
}

/** Customer-facing statements of the passages the reply stands on that speak to the question: no instruction to the agent, no human decision. */
function chooseClaims(request: DraftRequest, category: Category | undefined, footing: Footing, question: string, reference: Date): Candidate[] {
  const wanted = contentWords(`${question} ${category?.label ?? ''} ${category?.intent ?? ''}`);
  const reserved = reservedDecisions(request.lane);
  const candidates: Candidate[] = [];
  request.retrieval.passages.forEach((passage, p) => {
    if (isTemplatePassage(passage) || !footing.passage(passage)) return;
    sentenceSpans(passage.text).forEach((raw, position) => {
      const sentence = withoutListMarker(raw);
      const words = tokenize(sentence);
      // Worked examples illustrate a rule; they are not the rule a reply may state.
      if (words.length < 5 || sentence.length > 320 || sentence.includes('[[') || EXAMPLE.test(sentence) || FRAGMENT.test(sentence)) return;
      if (isAgentInstruction(sentence) || statedDecisions(sentence, reserved, reference).length > 0 || !/[.!]$/.test(sentence)) return;
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

/** Who signs: the rep signed in to Gmail, else the last of the team who wrote in the thread. */
function agentOf(input: DraftRequest['input'], customer: readonly DraftRequest['input']['messages'][number][]): FillContext['agentName'] {
  if (input.rep && firstName(input.rep.name)) return { value: input.rep.name, quote: `Signed in to Gmail as ${input.rep.name}` };
  const team = input.messages.filter((m) => !customer.includes(m) && m.text.trim()).at(-1);
  return team && firstName(team.from.name) ? { value: team.from.name, quote: `From: ${team.from.name}` } : null;
}

const GREETING_LINE = /^(?:hi|hello|dear|good (?:morning|afternoon)|hallo|guten tag|sehr geehrte)/i;
const CLOSING_LINE = /^(?:best regards|kind regards|regards|thank you|thanks|mit freundlichen grüßen|viele grüße|beste grüße)\b|^\{\{agent_name/i;

/** The filled template as draft sentences: its lines in order, a blank line kept as a paragraph break. */
function templateSentences(filled: FilledTemplate, citation: number): DraftSentence[] {
  const out: DraftSentence[] = [];
  filled.lines.forEach((line, i) => {
    if (line.text === '') {
      const last = out.at(-1);
      if (last && !last.text.endsWith('\n\n')) last.text += last.text.endsWith('\n') ? '\n' : '\n\n';
      return;
    }
    const next = filled.lines[i + 1];
    const end = next && next.text !== '' ? '\n' : '';
    const kind: DraftSentence['kind'] = out.length === 0 && GREETING_LINE.test(line.text) ? 'greeting'
      : CLOSING_LINE.test(line.source) && i >= filled.lines.length - 3 ? 'closing'
      : line.asks ? 'request' : 'claim';
    out.push({ text: line.text + end, citations: kind === 'greeting' || kind === 'closing' ? [] : [citation], kind });
  });
  return out;
}

export function composeDraft(request: DraftRequest, ownDomains: readonly string[] = []): Draft {
  const { input, classification, lane, retrieval } = request;
  const lang = classification.language.value === 'de' ? 'de' : 'en';
  const t = copy[lang];
  const customer = customerMessages(input, ownDomains);
  const latest = customer.at(-1) ?? null;
  const facts = readThreadFacts(input.subject, customer);
  const reference = new Date(`${facts.messageDay}T12:00:00Z`);
  const name = factOf(facts, 'customer_first_name')?.value ?? null;
  const escalateTo = lane.failureFeedback.escalateTo;
  const signature = agentOf(input, customer)?.value ?? null;
  const base = { template: null, fills: [], checklist: [], notes: [] };

  const holdingReply = (why: string): Draft => {
    const sentences: DraftSentence[] = [
      { text: t.greeting(name), citations: [], kind: 'greeting' },
      { text: t.thanks, citations: [], kind: 'closing' },
      { text: t.holding, citations: [], kind: 'closing' },
      { text: t.escalation(escalateTo, why), citations: [], kind: 'escalation' },
      { text: t.closing(signature), citations: [], kind: 'closing' },
    ];
    return { ...base, sentences, passages: retrieval.passages, abstained: true, escalateTo };
  };
  // The customer's last word settles it and asks nothing: thank them, do not start the procedure again.
  const settled = latest && customerQuestions(latest.text).length === 0 && !STILL_OPEN.test(latest.text) ? SETTLED.exec(latest.text) : null;
  if (settled) {
    const sentences: DraftSentence[] = [
      { text: t.greeting(name), citations: [], kind: 'greeting' },
      { text: t.settled, citations: [], kind: 'closing' },
      { text: t.closing(signature), citations: [], kind: 'closing' },
    ];
    const rule = `The customer's latest message asks nothing and says the matter is settled ("${settled[0]}"): a short thank-you, or no reply.`;
    return { ...base, sentences, passages: retrieval.passages, abstained: false, escalateTo: null, checklist: [{ kind: 'rule', text: rule, quote: null, citation: null }] };
  }
  if (!retrieval.grounded) return holdingReply('the SOP library does not cover this question');

  const category = classification.category.value;
  const choice = chooseTemplate(templatesOf(request.templates ?? []).templates, category, classification.language.value, facts);
  const passages = [...retrieval.passages];
  const placed = lane.categories.find((c) => c.id === category);
  const footing = footingOf(retrieval, placed ? sopTagsOf(placed) : [category]);
  let sentences: DraftSentence[];
  let template: Draft['template'] = null;
  let fills: Draft['fills'] = [];
  let rule: string | null = null;
  const asked: FactKey[] = [];

  if (choice.kind === 'template') {
    const source = (request.templates ?? []).find((p) => p.id === choice.template.passageId)!;
    let at = passages.findIndex((p) => p.id === source.id);
    if (at < 0) at = passages.push({ ...source, score: 0, matchText: '' }) - 1;
    const filled = fillTemplate(choice.template, facts, { agentName: agentOf(input, customer) });
    sentences = templateSentences(filled, at + 1);
    template = { passageId: source.id, label: choice.template.label, language: choice.template.language };
    fills = filled.fills;
    for (const line of choice.template.lines) if (line.ifMissing.length && !line.ifMissing.some((k) => factOf(facts, k as FactKey))) asked.push(...(line.ifMissing as FactKey[]));
    rule = choice.template.conditions.length > 0 ? `Rule used: ${choice.template.label}. Decided by: ${choice.because.join('; ')}` : `Reply template used: ${choice.template.label}`;
  } else {
    const claims = chooseClaims(request, placed, footing, `${input.subject} ${latest?.text ?? ''}`, reference);
    if (claims.length === 0 && choice.kind !== 'missing_fact') return holdingReply('no SOP passage answers this question');
    sentences = [{ text: t.greeting(name), citations: [], kind: 'greeting' }, { text: t.thanks, citations: [], kind: 'closing' }];
    claims.forEach((claim) => sentences.push({ text: claim.text, citations: [claim.passage + 1], kind: 'claim' }));
    // Ask only for what the SOP says to ask for and the thread does not give, in one sentence.
    const wanted = new Map<FactKey, number>();
    if (choice.kind === 'missing_fact' && ASK_WORDING[lang][choice.missing as FactKey]) wanted.set(choice.missing as FactKey, 0);
    for (const instruction of agentInstructions(passages, footing.passage)) {
      for (const key of asksFor(instruction.text)) if (!factOf(facts, key) && ASK_WORDING[lang][key] && !wanted.has(key)) wanted.set(key, instruction.citation);
    }
    if (wanted.size > 0) {
      const items = [...wanted.keys()].map((k) => ASK_WORDING[lang][k]!);
      const list = items.length > 1 ? `${items.slice(0, -1).join(', ')}${t.and}${items.at(-1)}` : items[0]!;
      const cited = [...new Set([...wanted.values()].filter((c) => c > 0))];
      sentences.push({ text: t.ask(list), citations: cited, kind: 'request' });
      asked.push(...wanted.keys());
    }
    if (choice.kind === 'missing_fact') rule = `Rule not decided: the SOP's rules depend on ${choice.missing.replace(/_/g, ' ')}, which the thread does not give; the reply asks for it.`;
    sentences.push({ text: t.closing(signature), citations: [], kind: 'closing' });
  }

  const claimsSaid = sentences.filter((s) => s.kind === 'claim' || s.kind === 'request').map((s) => s.text);
  const unanswered = customerQuestions(latest?.text ?? '').filter((q) => !answerTo(q, claimsSaid));
  const checklist = buildChecklist({ passages, footing, askPassages: request.askPassages ?? [], facts, rule, asked, unanswered });
  // Legal and medical judgement, and a security incident under way, are never automated: the draft stays, and a human
  // is asked to review it.
  const judgement = classification.riskFlags.find((f) => f.flag === 'legal' || f.flag === 'medical' || (f.flag === 'security' && SECURITY_INCIDENT.test(f.evidence)));
  if (judgement) {
    const matter = judgement.flag === 'security' ? 'security incident' : `${judgement.flag} question`;
    sentences.splice(sentences.length - 1, 0, { text: t.escalation(escalateTo, `${matter} ("${judgement.evidence}")`), citations: [], kind: 'escalation' });
  }
  return { sentences, passages, abstained: false, escalateTo: judgement ? escalateTo : null, template, fills, checklist, notes: [] };
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
