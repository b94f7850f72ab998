import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { runDraftPipeline } from '@/lib/drafting/draft-pipeline';
import { isAgentInstruction, replyAsksFor } from '@/lib/drafting/sop-sentences';
import { canInsert, lockedAcknowledgements } from '@/lib/review/policy';
import { replyText } from '@/lib/review/reply-text';
import type { Draft } from '@/lib/schemas/draft';
import type { TriageInput } from '@/lib/schemas/triage-input';
import { emptyReview, type DraftRecord } from '@/lib/schemas/draft-record';
import { readGmail } from '@/lib/sites/gmail/read-thread';
import { toTriageInput } from '@/lib/sites/gmail/to-triage-input';
import { readAccount } from '@/lib/sites/gmail/account';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { toTriageResult } from '@/lib/gmail-lane/background/triage-result';
import { loadSopFolder } from '../../../scripts/triage-inspect';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/gmail');
const samples = path.resolve(import.meta.dirname, '../../../public/samples/sops');

// Read once: every case drafts against the same sample library.
const sops = loadSopFolder(samples);

/** A one-message thread from a customer to the rep signed in to Gmail. */
function customerEmail(subject: string, from: { name: string; email: string }, text: string): TriageInput {
  return { source: 'gmail', subject, messages: [{ from, date: '2024-05-06T08:00:00Z', text }], rep: { name: 'Dana Reyes', email: 'dana.reyes@northwind-supply.example' } };
}

async function pipeline(page: string) {
  const dom = new JSDOM(readFileSync(path.join(fixtures, page), 'utf8'));
  const read = readGmail(dom.window.document);
  const rep = readAccount(dom.window.document);
  dom.window.close();
  if (read.kind !== 'thread') throw new Error(`${page} is not a thread`);
  const input = toTriageInput(read.thread, rep);
  return { input, ...(await runDraftPipeline(input, await sops)) };
}

function recordOf(result: Awaited<ReturnType<typeof pipeline>>, draft: Draft): DraftRecord {
  return {
    id: 'd1', subjectId: 's1', lane: result.classification.lane.value, engine: 'local', status: 'ready',
    triage: toTriageResult(result.classification, 'local', defaultLanes, 1), retrieval: result.retrieval, partialText: '',
    draft, review: emptyReview, approval: null, error: null, createdAt: 0, updatedAt: 0,
  };
}

describe('the refund thread (issue #10)', () => {
  it('is drafted from the rule that applies, asks for nothing the thread holds, and cannot be inserted with a placeholder left', async () => {
    const result = await pipeline('thread-2024-layout-refund.html');
    const draft = result.draft!;
    const text = replyText(draft);
    expect(draft.template?.label).toMatch(/full refund/);
    expect(draft.checklist.find((c) => c.kind === 'rule')?.text).toMatch(/days_since_renewal <= 14.*renewed yesterday/);
    for (const s of draft.sentences) expect(replyAsksFor(s.text)).toEqual([]);
    for (const s of draft.sentences.filter((x) => x.kind === 'claim')) expect(isAgentInstruction(s.text)).toBe(false);
    expect(text).not.toMatch(/pro-rat|Check the|offer the/i);
    expect(draft.fills.find((f) => f.placeholder === 'renewal_date')?.quote).toMatch(/renewed yesterday/);
    expect(draft.checklist.filter((c) => c.kind === 'supplied').map((c) => c.quote)).toEqual(expect.arrayContaining([expect.stringContaining('INV-20931')]));
    // The SOP's "ask for the workspace address, the invoice number and the reason" is done: the thread gave all three.
    expect(draft.checklist.filter((c) => c.kind === 'instruction' && /^Ask for/i.test(c.text))).toEqual([]);
    const record = recordOf(result, draft);
    const gate = canInsert({ ...record, review: { ...emptyReview, acknowledged: ['refund'] } }, text, []);
    expect(gate.ok).toBe(false);
    expect(gate.ok ? [] : gate.blockers).toContainEqual({ kind: 'placeholder', names: ['refund_amount'] });
    const filled = text.replace('{{refund_amount}}', '1,188 USD');
    const after = canInsert({ ...record, review: { ...emptyReview, acknowledged: ['refund'] } }, filled, []);
    expect(after.ok ? [] : after.blockers.filter((b) => b.kind === 'placeholder')).toEqual([]);
  });

  it("lists only the instructions of the SOPs it stands on, not those of weaker passages retrieval also brought in", async () => {
    const result = await pipeline('thread-2024-layout-refund.html');
    const { retrieval, draft } = result;
    // The premise: top-k retrieval brings an account-access passage under the lane's floor into this refund thread.
    const weak = retrieval.passages.filter((p) => p.sopId === 'account-access');
    expect(weak.length).toBeGreaterThan(0);
    for (const p of weak) expect(p.grounding!).toBeLessThan(retrieval.floor);
    const cited = draft!.checklist.filter((c) => c.citation !== null).map((c) => draft!.passages[c.citation! - 1]!.sopId);
    expect(cited.length).toBeGreaterThan(0);
    expect(new Set(cited)).toEqual(new Set(['refunds']));
    expect(draft!.checklist.map((c) => c.text).join('\n')).not.toMatch(/password|security checks/i);
  });

  it("stands on the sections that answer, not on the rest of their SOP or on another category's section", async () => {
    const customer = { name: 'Priya Shah', email: 'priya@cafe-lune.example' };
    const citedSections = (draft: Draft) =>
      [...draft.checklist.map((c) => c.citation), ...draft.sentences.flatMap((s) => s.citations)].filter((c): c is number => c !== null).map((c) => draft.passages[c - 1]!.headingPath.at(-1));

    // A late delivery: the shipping SOP's damaged-orders section comes back too, under the floor.
    const late = await runDraftPipeline(customerEmail('Where is our order?', customer, "Hi, we ordered 12 cast-iron pans (order NW-48213) on 2 March and the tracking hasn't updated since Monday. Our cafe opens on Friday. Can you tell us when they will arrive? Thanks, Priya"), await sops);
    expect(late.classification.category.value).toBe('shipping_delay');
    const damaged = late.retrieval.passages.filter((p) => p.headingPath.includes('Damaged orders'));
    expect(damaged.length).toBeGreaterThan(0);
    for (const p of damaged) expect(p.grounding!).toBeLessThan(late.retrieval.floor);
    expect(citedSections(late.draft!)).not.toContain('Damaged orders');
    expect(late.draft!.checklist.map((c) => c.text).join('\n')).not.toMatch(/photos/i);

    // A double charge: the refunds SOP's words match ("refund", "charge") at the floor, but the billing-dispute
    // sections are the category's own, so the refunds' questions (the reason for cancelling) are not the rep's.
    const twice = await runDraftPipeline(customerEmail('Charged twice', customer, 'Hello, I was charged twice for invoice INV-2291 (EUR 640). Please refund the duplicate charge to the original payment method, the card ending 4417. Regards, Priya'), await sops);
    expect(twice.classification.category.value).toBe('billing_dispute');
    expect(twice.retrieval.passages.some((p) => p.sopId === 'refunds' && p.grounding! >= twice.retrieval.floor)).toBe(true);
    const twiceCited = [...twice.draft!.checklist.map((c) => c.citation), ...twice.draft!.sentences.flatMap((s) => s.citations)].filter((c): c is number => c !== null);
    expect(new Set(twiceCited.map((c) => twice.draft!.passages[c - 1]!.sopId))).toEqual(new Set(['billing-disputes']));
    expect(twice.draft!.checklist.map((c) => c.text).join('\n')).not.toMatch(/reason for cancelling/i);
  });
});

describe('a monthly plan', () => {
  it('is told monthly plans are not refunded, and is not asked for an annual renewal date', async () => {
    const { classification, draft } = await runDraftPipeline(customerEmail('Cancel our subscription', { name: 'Ana Lopes', email: 'ana@lopes-studio.example' }, 'Hi, we are on the monthly plan and would like to cancel and get a refund for this month. We are moving to another tool. Thanks, Ana'), await sops);
    expect(classification.category.value).toBe('refund_request');
    expect(draft!.template?.label).toBe('monthly plan');
    const text = replyText(draft!);
    expect(text).toContain('Monthly plans are not refunded');
    expect(text).not.toMatch(/renew(?:ed|al) (?:on|date)|annual/i);
    expect(draft!.sentences.flatMap((s) => replyAsksFor(s.text))).not.toContain('reason');
  });
});

describe("a customer's last word", () => {
  const hannah = { name: 'Hannah Okafor', email: 'hannah@lumen-bakery.example' };
  const dana = { name: 'Dana Reyes', email: 'dana.reyes@northwind-supply.example' };
  const thread = (last: string): TriageInput => ({
    source: 'gmail',
    subject: 'Mixer bowl arrived dented',
    rep: dana,
    messages: [
      { from: hannah, date: '2024-11-04T08:10:00Z', text: 'Hello, the stand mixer from order 48822 arrived today and the bowl is dented.' },
      { from: dana, date: '2024-11-04T09:02:00Z', text: 'Hi Hannah, sorry about that. Could you send a photo of the bowl and the box?' },
      { from: hannah, date: '2024-11-06T10:45:00Z', text: last },
    ],
  });

  it('that settles the matter and asks nothing gets a thank-you, not the procedure again', async () => {
    const { draft } = await runDraftPipeline(thread('Thanks, the replacement bowl arrived this morning and it is perfect. All good on our side! Hannah'), await sops);
    expect(replyText(draft!)).toBe('Hi Hannah,\n\nThank you for letting us know; we are glad it is sorted.\n\nBest regards,\nDana Reyes');
    expect(draft!.checklist).toEqual([expect.objectContaining({ kind: 'rule', text: expect.stringContaining('"All good"') })]);
  });

  it('says it is settled in the ways customers say it', async () => {
    for (const last of ['The replacement bowl arrived in perfect condition. Thanks again!', 'The new bowl came yesterday. Thank you for taking care of it.']) {
      const { draft } = await runDraftPipeline(thread(last), await sops);
      expect([last, replyText(draft!)]).toEqual([last, expect.stringContaining('glad it is sorted')]);
    }
  });

  it('that answers our question, or settles one thing and asks another, gets the usual draft', async () => {
    for (const last of [
      'Thanks! Photos attached, and the order number is 48822.',
      'Thanks, the bowl works now. Could you also send the invoice for order 48822?',
      'Thanks for sorting this out, but the lid is still missing from the box.',
      'All good with the bowl, but the lid is still missing from the box.',
      'The bowl arrived in perfect condition. The whisk in the same parcel is broken though.',
    ]) {
      const { draft } = await runDraftPipeline(thread(last), await sops);
      expect([last, replyText(draft!)]).not.toEqual([last, expect.stringContaining('glad it is sorted')]);
    }
  });
});

describe('a German thread', () => {
  it('does not ask for photos the customer attached', async () => {
    const input = customerEmail('Beschädigte Lieferung', { name: 'Jonas Weber', email: 'jonas@weber-glas.example' }, 'Guten Tag, unsere Bestellung 55120 ist heute beschädigt angekommen, zwei Gläser sind zerbrochen. Bitte schicken Sie Ersatz. Viele Grüße, Jonas Weber');
    const withPhotos: TriageInput = { ...input, messages: [{ ...input.messages[0]!, attachments: ['glas-1.jpg', 'glas-2.jpg'] }] };
    const asked = async (thread: TriageInput) => {
      const { classification, draft } = await runDraftPipeline(thread, await sops);
      expect(classification.category.value).toBe('damaged_order');
      return draft!.sentences.flatMap((sentence) => replyAsksFor(sentence.text));
    };
    expect(await asked(input)).toContain('photos_attached');
    expect(await asked(withPhotos)).not.toContain('photos_attached');
  });


  it('is drafted from the German template with the order number filled', async () => {
    const { draft } = await pipeline('thread-german-customer.html');
    expect(draft?.template?.language).toBe('de');
    expect(replyText(draft!)).toMatch(/^Hallo Katrin,[\s\S]*Bestellung 88412/);
    // Signed by the rep signed in to Gmail, and the signature cites nothing.
    expect(replyText(draft!)).toMatch(/Mit freundlichen Grüßen\nDana Reyes$/);
    expect(draft!.sentences.filter((x) => x.kind === 'closing').flatMap((x) => x.citations)).toEqual([]);
    expect(replyText(draft!)).not.toMatch(/Bestellnummer senden/);
  });
});

describe('the RFQ thread', () => {
  it('lists the inner-box question as unanswered', async () => {
    const { draft } = await pipeline('thread-rfq-export.html');
    expect(draft!.checklist.some((c) => c.kind === 'unanswered' && /50 pcs per inner box/.test(c.quote ?? ''))).toBe(true);
  });

  it('a sentence stating a lead time locks the pricing acknowledgement until it is edited away', async () => {
    const result = await pipeline('thread-rfq-export.html');
    const leadTime = 'Stock items ship in 5 to 10 business days.';
    const draft: Draft = { ...result.draft!, sentences: [...result.draft!.sentences.slice(0, 2), { text: leadTime, citations: [1], kind: 'claim' }, ...result.draft!.sentences.slice(2)] };
    const record = { ...recordOf(result, draft), review: { ...emptyReview, acknowledged: ['pricing_commitment' as const] } };
    const text = replyText(draft).replace('{{quote_date}}', '24 May');
    expect(lockedAcknowledgements(record, text)).toContain('pricing_commitment');
    const gate = canInsert(record, text, []);
    expect(gate.ok ? [] : gate.blockers.map((b) => b.kind)).toContain('human_decision');
    const edited = text.replace(leadTime, '');
    expect(lockedAcknowledgements(record, edited)).toEqual([]);
    expect(canInsert(record, edited, []).ok).toBe(true);
  });
});

describe('the newsletter thread', () => {
  it('gets no draft', async () => {
    const result = await pipeline('thread-html-newsletter.html');
    expect(result.classification.category.value).toBe('newsletter');
    expect(result.draft).toBeNull();
  });
});

describe('a password reset request', () => {
  const jonas = { name: 'Jonas Weber', email: 'jonas@weber-design.example' };

  it.each([
    ['en', 'Password reset link not working', 'Hi, I forgot my password and the reset link I requested never arrived. Can you help me log in?', /Forgot password.*30 minutes/s, /^Hi Jonas,/],
    ['de', 'Passwort vergessen', 'Hallo, ich habe mein Passwort vergessen und der Link zum Zurücksetzen kommt nicht an. Können Sie mir helfen?', /Passwort vergessen.*30 Minuten/s, /^Hallo Jonas,/],
  ])('(%s) is answered from the SOP template: the self-service link, never a password, nothing asked', async (_language, subject, text, body, greeting) => {
    const result = await runDraftPipeline(customerEmail(subject, jonas, text), await sops);
    const draft = result.draft!;
    const reply = replyText(draft);
    expect(result.classification.category.value).toBe('password_reset');
    expect(draft.template?.label).toMatch(/password|Passwort/i);
    expect(reply).toMatch(greeting);
    expect(reply).toMatch(body);
    expect(reply).toMatch(/Dana Reyes\s*$/);
    for (const s of draft.sentences) expect(isAgentInstruction(s.text)).toBe(false);
    for (const s of draft.sentences) expect(replyAsksFor(s.text)).toEqual([]);
  });
});

describe('an account takeover', () => {
  it('is escalated in the draft as a security incident, and a forgotten password is not', async () => {
    const raj = { name: 'Raj Mehta', email: 'raj@mehta-foods.example' };
    const takeover = await runDraftPipeline(customerEmail('Someone logged into our account', raj, 'Hi, we got an alert that someone logged in from Brazil at 3am and changed the billing email. None of us did that. Please lock the account now. Raj'), await sops);
    expect(takeover.classification.urgency.value).toBe('P1');
    const escalation = takeover.draft!.sentences.find((s) => s.kind === 'escalation');
    expect(escalation?.text).toMatch(/Escalated to Support lead: security incident \("[^"]*logged in from/);
    expect(takeover.draft!.escalateTo).toBe('Support lead');
    const forgotten = await runDraftPipeline(customerEmail('Password', raj, 'Hi, I forgot my password and the reset link never arrived. Raj'), await sops);
    expect(forgotten.draft!.sentences.some((s) => s.kind === 'escalation')).toBe(false);
  });
});

describe('a billing dispute', () => {
  const priya = { name: 'Priya Natarajan', email: 'p.natarajan@kestrel-logistics.example' };

  it.each([
    ['the invoice number', 'Hello, invoice INV-18877 was charged twice this month. Please fix this or we will file a chargeback.', false],
    ['the amounts', 'Hello, we were billed twice for May, both $640. Please fix this or we will file a chargeback.', false],
    ['neither', 'Hello, we were billed twice this month. Please fix this or we will file a chargeback.', true],
  ])('given %s, asks for the charges only when the thread names none', async (_given, text, asks) => {
    const result = await runDraftPipeline(customerEmail('Charged twice', priya, text), await sops);
    const draft = result.draft!;
    expect(draft.template?.label).toBe('charged twice or a charge the customer disputes');
    expect(/\?/.test(replyText(draft))).toBe(asks);
    expect(draft.fills.map((f) => f.placeholder)).not.toContain('billing_reply_date');
  });
});
