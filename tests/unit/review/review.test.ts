import { describe, expect, it, vi } from 'vitest';
import { createReviewController } from '@/lib/gmail-lane/panel/review-controller';
import type { InsertFlow, InsertRequest } from '@/lib/gmail-lane/panel/insert-flow';
import type { Send } from '@/lib/protocol/client';
import type { SentenceCheck } from '@/lib/schemas/review';
import { approvalHash } from '@/lib/review/approval';
import { verifyCitations, type LibraryPassage } from '@/lib/review/citations';
import { editRatio } from '@/lib/review/edit-ratio';
import { canInsert, describeBlocker, requiredAcknowledgements } from '@/lib/review/policy';
import { replyText } from '@/lib/review/reply-text';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { toTriageResult } from '@/lib/gmail-lane/background/triage-result';
import type { Classification } from '@/lib/schemas/classification';
import type { Draft } from '@/lib/schemas/draft';
import { emptyReview, type DraftRecord } from '@/lib/schemas/draft-record';
import type { RetrievedPassage } from '@/lib/schemas/sop';
import { retrievalOf } from '../../support/retrieval';

const refundPassage: RetrievedPassage = {
  id: 'refunds@2#3',
  sopId: 'refunds',
  sopVersion: 2,
  sopTitle: 'Refunds',
  headingPath: ['Refunds', 'Annual plans'],
  text: 'Annual plans cancelled within 30 days of renewal get a full refund. After 30 days, refunds are pro-rated for the unused months. Refunds are issued to the original payment method within 10 business days.',
  lanes: ['support-replies'],
  score: 30,
  matchText: 'Annual plans cancelled within 30 days of renewal get a full refund.',
};

const library = new Map<string, LibraryPassage>([[refundPassage.id, { active: true, sopVersion: 2, text: refundPassage.text }]]);
const lookup = (id: string) => library.get(id) ?? null;

const draftOf = (sentences: Draft['sentences'], abstained = false): Draft => ({ sentences, passages: [refundPassage], abstained, escalateTo: abstained ? 'Support lead' : null, template: null, fills: [], checklist: [], notes: [] });
const claim = (text: string, citations: number[]) => ({ text, citations, kind: 'claim' as const });

describe('citation verification', () => {
  it('accepts a claim that restates its cited passage', async () => {
    const checks = await verifyCitations(draftOf([claim('Per our policy, annual plans cancelled within 30 days of renewal get a full refund.', [1])]), lookup);
    expect(checks).toEqual([{ index: 0, status: 'supported' }]);
  });

  it('catches a fabricated citation', async () => {
    const checks = await verifyCitations(draftOf([claim('Annual plans get a full refund.', [3])]), lookup);
    expect(checks[0]).toMatchObject({ status: 'unsupported', reason: 'fabricated_citation', citation: 3 });
  });

  it('catches a quote that is not in the passage', async () => {
    const checks = await verifyCitations(draftOf([claim('Our policy says “refunds are issued within 2 business days” for annual plans.', [1])]), lookup);
    expect(checks[0]).toMatchObject({ status: 'unsupported', reason: 'quote_not_in_passage' });
    const quotedRight = await verifyCitations(draftOf([claim('Our policy says “refunds are issued to the original payment method” for annual plans.', [1])]), lookup);
    expect(quotedRight[0]).toEqual({ index: 0, status: 'supported' });
  });

  it('catches a citation to a retired or superseded SOP version, and to a passage gone from the library', async () => {
    const sentence = [claim('Annual plans cancelled within 30 days of renewal get a full refund.', [1])];
    const retired = await verifyCitations(draftOf(sentence), () => ({ active: false, sopVersion: 2, text: refundPassage.text }));
    expect(retired[0]).toMatchObject({ status: 'unsupported', reason: 'retired_version' });
    const replaced = await verifyCitations(draftOf(sentence), () => ({ active: true, sopVersion: 3, text: refundPassage.text }));
    expect(replaced[0]).toMatchObject({ status: 'unsupported', reason: 'retired_version' });
    const gone = await verifyCitations(draftOf(sentence), () => null);
    expect(gone[0]).toMatchObject({ status: 'unsupported', reason: 'passage_missing' });
  });

  it('flags a claim its passage does not support, and a claim citing nothing; greetings need no citation', async () => {
    const checks = await verifyCitations(
      draftOf([{ text: 'Hi Dana,\n', citations: [], kind: 'greeting' }, claim('We will ship a free replacement blender by express courier tomorrow.', [1]), claim('Refunds are always instant.', [])]),
      lookup,
    );
    expect(checks.map((c) => (c.status === 'unsupported' ? c.reason : c.status))).toEqual(['supported', 'not_supported', 'no_citation']);
  });
});

const refundLane = defaultLanes.find((l) => l.id === 'support-replies')!;
function classification(flags: Classification['riskFlags'], lane = refundLane.id): Classification {
  const s = <T,>(value: T) => ({ value, confidence: 0.9 });
  return {
    lane: s(lane),
    category: s('refund_request'),
    intent: s('request refund'),
    urgency: { value: 'P3', reason: 'none', confidence: 0.9 },
    sentiment: s('neutral' as const),
    language: s('en'),
    summary: 'Refund asked.',
    riskFlags: flags,
    owner: s('Billing team'),
  };
}

function record(draft: Draft, flags: Classification['riskFlags'] = [{ flag: 'refund', evidence: 'refund', confidence: 0.7 }], lane = refundLane.id): DraftRecord {
  return {
    id: 'd1',
    subjectId: 'gmail:t1',
    lane,
    engine: 'local',
    status: 'ready',
    triage: toTriageResult(classification(flags, lane), 'local', defaultLanes, 3),
    retrieval: retrievalOf([refundPassage]),
    partialText: '',
    draft,
    review: emptyReview,
    approval: null,
    error: null,
    createdAt: 1,
    updatedAt: 1,
  };
}

describe('review policy', () => {
  const grounded = draftOf([{ text: 'Hi Dana,\n', citations: [], kind: 'greeting' }, claim('Annual plans cancelled within 30 days of renewal get a full refund.', [1])]);

  it('needs the lane’s risk ticks, sure flags the lane omits, and never-automated flags', () => {
    const lead = defaultLanes.find((l) => l.id === 'lead-routing')!;
    const flags: Classification['riskFlags'] = [
      { flag: 'pricing_commitment', evidence: 'price', confidence: 0.5 }, // listed by the lane
      { flag: 'medical', evidence: 'allergy', confidence: 0.85 }, // sure, not listed
      { flag: 'security', evidence: 'hacked', confidence: 0.3 }, // never automated
      { flag: 'billing_dispute', evidence: 'x', confidence: 0.2 }, // never automated
    ];
    const triage = toTriageResult(classification(flags, lead.id), 'local', defaultLanes, 1);
    expect(requiredAcknowledgements(triage)).toEqual(['pricing_commitment', 'medical', 'security', 'billing_dispute']);
    const unlisted = toTriageResult(classification([{ flag: 'personal_data', evidence: 'x', confidence: 0.4 }], 'rfq-response'), 'local', defaultLanes, 1);
    expect(requiredAcknowledgements(unlisted)).toEqual([]);
  });

  it('blocks insert until the refund tick is given', async () => {
    const r = record(grounded);
    const checks = await verifyCitations(grounded, lookup);
    const text = replyText(grounded);
    const blocked = canInsert(r, text, checks);
    expect(blocked).toEqual({ ok: false, blockers: [{ kind: 'acknowledge', flag: 'refund' }] });
    expect(describeBlocker({ kind: 'acknowledge', flag: 'refund' })).toContain('refund');
    expect(canInsert({ ...r, review: { ...r.review, acknowledged: ['refund'] } }, text, checks)).toEqual({ ok: true });
  });

  it('blocks while an unsupported sentence stays, until it is edited away or acknowledged', async () => {
    const draft = draftOf([claim('Annual plans cancelled within 30 days of renewal get a full refund.', [1]), claim('We also add a free month of service.', [1])]);
    const r = { ...record(draft), review: { ...emptyReview, acknowledged: ['refund' as const] } };
    const checks = await verifyCitations(draft, lookup);
    const text = replyText(draft);
    expect(canInsert(r, text, checks)).toEqual({ ok: false, blockers: [{ kind: 'unsupported', sentences: 1 }] });
    const editedAway = text.replace('We also add a free month of service.', '').trim();
    expect(canInsert(r, editedAway, checks)).toEqual({ ok: true });
    expect(canInsert({ ...r, review: { ...r.review, unsupportedAcknowledged: true } }, text, checks)).toEqual({ ok: true });
  });

  it('inserts only the holding reply for an abstained draft, and nothing before the draft is ready', async () => {
    const holding = draftOf(
      [
        { text: 'Thank you for your message.', citations: [], kind: 'closing' },
        { text: '\n[[Escalated to Support lead: not covered. Review before replying.]]', citations: [], kind: 'escalation' },
      ],
      true,
    );
    const r = record(holding, []);
    expect(replyText(holding)).toBe('Thank you for your message.');
    expect(canInsert(r, replyText(holding), [])).toEqual({ ok: true });
    expect(canInsert(r, 'Yes, we will sponsor your gala.', [])).toEqual({ ok: false, blockers: [{ kind: 'holding_only' }] });
    expect(canInsert({ ...r, status: 'generating' }, replyText(holding), [])).toEqual({ ok: false, blockers: [{ kind: 'not_ready' }] });
  });
});

describe('approval hash', () => {
  it('is stable for the same approval and changes with any character, mode, draft or thread', async () => {
    const base = { draftId: 'd1', subjectId: 'gmail:t1', text: 'Hi Dana, your refund is on its way.', mode: 'reply' as const };
    const hash = await approvalHash(base);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await approvalHash({ ...base })).toBe(hash);
    const variants = [
      { ...base, text: 'Hi Dana, your refund is on its way!' },
      { ...base, text: 'Hi Dana, your refund is on its way. ' },
      { ...base, mode: 'replyAll' as const },
      { ...base, draftId: 'd2' },
      { ...base, subjectId: 'gmail:t2' },
    ];
    for (const v of variants) expect(await approvalHash(v)).not.toBe(hash);
  });
});

describe('edit ratio', () => {
  it('is 0 for the same text (whitespace aside) and grows with the edit', () => {
    const text = 'Hi Dana,\nAnnual plans cancelled within 30 days get a full refund.\nBest regards,';
    expect(editRatio(text, text)).toBe(0);
    expect(editRatio(text, text.replace(/\n/g, '\n\n  '))).toBe(0);
    const small = editRatio(text, text.replace('Best regards,', 'Best regards, Sam'));
    const large = editRatio(text, 'Hello, we cannot help with this.');
    expect(small).toBeGreaterThan(0);
    expect(small).toBeLessThan(0.2);
    expect(large).toBeGreaterThan(small);
    expect(large).toBeLessThanOrEqual(1);
  });
});

describe('the Gmail review controller (the gate as the panel runs it, in Node)', () => {
  const grounded = draftOf([{ text: 'Hi Dana,\n', citations: [], kind: 'greeting' }, claim('Annual plans cancelled within 30 days of renewal get a full refund.', [1])]);
  const setup = (checks: SentenceCheck[] = [{ index: 0, status: 'supported' }, { index: 1, status: 'supported' }]) => {
    const sent: { type: string; payload: unknown }[] = [];
    const inserted: InsertRequest[] = [];
    const r = record(grounded);
    const send = (async (type: string, payload: unknown) => {
      sent.push({ type, payload });
      if (type === 'draft.verify') return { ok: true, value: { checks, required: [] } };
      return { ok: true, value: r };
    }) as Send;
    const flow: InsertFlow = {
      insert: async (request) => (inserted.push(request), { ok: true, value: { ...r, status: 'inserted' } }),
      watch: () => undefined,
    };
    const records: DraftRecord[] = [];
    const controller = createReviewController(r, { send, flow, onRecord: (x) => records.push(x) });
    return { controller, sent, inserted, records };
  };
  const label = (f: string) => `tick ${f}`;

  it('keeps Insert closed until the citations are checked and the refund tick is given, then inserts exactly the reviewed text', async () => {
    const { controller, inserted, records } = setup();
    expect(controller.gate(controller.state.get(), label).reasons).toEqual(['Checking the citations…']);
    await vi.waitFor(() => expect(controller.state.get().checks).not.toBeNull());
    expect(controller.gate(controller.state.get(), label)).toMatchObject({ required: ['refund'], reasons: ['Tick “tick refund”.'] });
    controller.setText(`${controller.generated}\nThanks, Sam`);
    controller.acknowledge('refund', true);
    expect(controller.gate(controller.state.get(), label).gate.ok).toBe(true);
    await controller.insert();
    expect(inserted).toEqual([expect.objectContaining({ text: `${controller.generated}\nThanks, Sam`, acknowledged: ['refund'], mode: 'reply' })]);
    expect(controller.state.get().status).toBe("Inserted into Gmail's reply. Review it there and press Send yourself.");
    expect(records.at(-1)?.status).toBe('inserted');
    controller.dispose();
  });

  it('an unsupported sentence needs editing away or its own tick', async () => {
    const { controller } = setup([{ index: 0, status: 'supported' }, { index: 1, status: 'unsupported', reason: 'not_supported' }]);
    await vi.waitFor(() => expect(controller.state.get().checks).not.toBeNull());
    controller.acknowledge('refund', true);
    expect(controller.gate(controller.state.get(), label).unsupportedLeft).toBe(1);
    expect(controller.gate(controller.state.get(), label).gate.ok).toBe(false);
    controller.acknowledgeUnsupported(true);
    expect(controller.gate(controller.state.get(), label).gate.ok).toBe(true);
    controller.dispose();
  });

  it('saves ticks at once and a typed edit when the thread closes', async () => {
    const { controller, sent } = setup();
    controller.setMode('replyAll');
    controller.setText('Hi Dana, edited.');
    controller.dispose();
    const saves = sent.filter((m) => m.type === 'draft.saveReview').map((m) => (m.payload as { review: { mode: string; editedText: string | null } }).review);
    expect(saves).toEqual([
      expect.objectContaining({ mode: 'replyAll', editedText: null }),
      expect.objectContaining({ mode: 'replyAll', editedText: 'Hi Dana, edited.' }),
    ]);
  });
});
