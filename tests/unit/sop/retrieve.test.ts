import { beforeAll, describe, expect, it } from 'vitest';
import type { Passage } from '@/lib/schemas/sop';
import { footingOf, queryFromText, retrieve, retrieveForClassification } from '@/lib/sop/retrieve';
import { createLocalEngine } from '@/lib/engine/local/local-engine';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { SopIndex } from '@/lib/sop/sop-index';
import { sampleSopPassages } from '../../support/sample-sop-passages';

let passages: Passage[] = [];
let index: SopIndex;

beforeAll(async () => {
  passages = await sampleSopPassages();
  index = SopIndex.fromPassages(passages);
});

describe('grounding calibration on the sample SOPs', () => {
  // Questions the sample SOPs answer, and the SOP that answers each.
  const answerable: Array<[string, string]> = [
    ['Can I get a refund on my annual plan? We cancelled after two months.', 'refunds'],
    ['Hi, the workspace is brightlane.northwind-app.example and the invoice number is INV-20931. We have not used the account since the renewal. If a full refund is not possible, a pro-rated one would be fine.', 'refunds'],
    ['Hello, we were billed twice for May: once on the 1st and again on the 3rd, both $640. If this is not corrected by Friday we will file a chargeback with our bank.', 'billing-disputes'],
    ['Hi, our order #55120 arrived today and two of the six proofing baskets are cracked. Photos are attached. Can you send replacements before the weekend?', 'shipping-damaged-orders'],
    ['I forgot my password and the reset email never arrived', 'account-access'],
    ['Following up on the RFQ below. Could you also confirm whether you can pack 50 pcs per inner box with our private label? Our tender closes on 31 May.', 'rfq-answering'],
    ['Do you offer annual pricing for 40 seats, and can we get a demo next week? Budget is approved for Q3.', 'lead-qualification'],
    ['Summary of today: pilot starts June 3 with 25 seats. Action items: Dana sends the onboarding checklist by Friday; Tom confirms the SSO setup date.', 'customer-onboarding'],
    ['We signed the contract, how do we set up SSO with Okta?', 'customer-onboarding'],
    ['Where is my order? It should have arrived last week', 'shipping-damaged-orders'],
  ];
  const unanswerable = [
    'Can you sponsor our charity gala?',
    "Hello, I am reaching out on behalf of the Riverside Children's Foundation. Our annual charity gala takes place on 14 June and we are looking for local businesses to sponsor a table or donate a prize for the raffle. Would Northwind Supply be interested? Happy to send the sponsorship pack.",
    'Hi, I run a small SEO agency and noticed your website could rank higher. We help companies like yours get more customers from Google. Can we book a quick call next week to show you our results?',
    'Dear hiring manager, I would like to apply for the customer support position advertised on your website. I have three years of experience and I am available to start next month.',
    'What is the weather in Paris tomorrow?',
    'Can you recommend a good restaurant for our team dinner?',
    'We would love to have your CEO as a keynote speaker at the Logistics Future Summit in Berlin this September.',
  ];

  // Other languages and the customer's own wording: the words barely meet the SOP, the category's tagged section does.
  answerable.push(
    ['Hallo, unsere Sendung 48812 hängt seit einer Woche, die Sendungsverfolgung zeigt keine Bewegung mehr. Wann kommt die Lieferung?', 'shipping-damaged-orders'],
    ['Hi, order 77120 arrived yesterday and three of the ceramic bowls are broken, photos of the items and the box attached. The items are worth 240 EUR. We need replacements by Friday.', 'shipping-damaged-orders'],
  );

  // The product's path: the local engine classifies, retrieval is routed by the category and held to the lane's floor.
  const engine = createLocalEngine();
  const productRetrieval = async (text: string) => {
    const classified = await engine.classify({ source: 'gmail', subject: '', messages: [{ from: { name: 'Customer', email: 'customer@example.com' }, date: null, text }] }, defaultLanes);
    if (!classified.ok) throw new Error(classified.error.message);
    return retrieveForClassification(index, queryFromText(text), classified.value, defaultLanes);
  };

  it.each(answerable)('grounds "%s" on %s', async (question, sopId) => {
    const result = await productRetrieval(question);
    expect(result.grounded).toBe(true);
    expect(result.groundingScore).toBeGreaterThanOrEqual(result.floor);
    expect(result.passages.slice(0, 3).map((p) => p.sopId)).toContain(sopId);
  });

  it.each(unanswerable.map((q) => [q]))('abstains on "%s"', async (question) => {
    const result = await productRetrieval(question);
    expect(result.grounded).toBe(false);
    expect(result.groundingScore).toBeLessThan(result.floor);
  });
});

describe('routing by category', () => {
  const german = 'Hallo, unsere Sendung 48812 hängt seit einer Woche, die Sendungsverfolgung zeigt keine Bewegung mehr.';

  it('grounds a message in another language on the section tagged for its category, and says the SOP is in English', () => {
    const words = retrieve(index, german);
    expect(words.grounded).toBe(false);
    const routed = retrieve(index, german, { category: { id: 'shipping_delay', confidence: 0.9, language: 'de' } });
    expect(routed.grounded).toBe(true);
    expect(routed.groundingScore).toBeCloseTo(0.9, 2);
    expect(routed.basis).toMatchObject({ categoryMatch: true, categoryConfidence: 0.9 });
    expect(routed.passages[0]?.headingPath).toEqual(['Shipping delays and damaged orders', 'Late deliveries']);
    expect(routed.sopLanguage).toBe('en');
  });

  it('in the SOP language, a route the words do not bear out does not ground', () => {
    const result = retrieve(index, 'Can you recommend a good restaurant for our team dinner?', { category: { id: 'lead_inquiry', confidence: 0.9, language: 'en' } });
    expect(result.grounded).toBe(false);
  });

  it('a low-confidence category adds little; the lane floor decides', () => {
    const question = 'The tracking for our delivery has not moved for a week';
    const sure = retrieve(index, question, { category: { id: 'shipping_delay', confidence: 0.95, language: 'en' }, floor: 0.9 });
    const unsure = retrieve(index, question, { category: { id: 'shipping_delay', confidence: 0.2, language: 'en' }, floor: 0.9 });
    expect(sure.groundingScore).toBeGreaterThan(unsure.groundingScore);
    expect(sure.grounded).toBe(true);
    expect(unsure.grounded).toBe(false);
  });

  it('reads section tags from a Tags line under a heading, inherited by subsections', () => {
    const tagged = passages.filter((p) => p.sopId === 'shipping-damaged-orders');
    const damaged = tagged.find((p) => p.headingPath.at(-1) === 'Replacements');
    expect(damaged?.tags).toContain('damaged_order');
    expect(tagged.find((p) => p.headingPath.at(-1) === 'Late deliveries')?.tags).toEqual(['shipping_delay']);
    expect(damaged?.text).not.toMatch(/^Tags:/m);
  });

  it('never lists a reply template among the passages', () => {
    const result = retrieve(index, 'reply template full refund within the 14-day window', { k: 10 });
    expect(result.passages.every((p) => !/^Reply template/.test(p.headingPath.at(-1) ?? ''))).toBe(true);
  });
});

describe('retrieve', () => {
  it('returns top-k passages with scores, heading paths and the matching lines', () => {
    const result = retrieve(index, 'How do we pro-rate a refund of an annual plan after the 14-day window?', { k: 3 });
    expect(result.passages).toHaveLength(3);
    const top = result.passages[0];
    expect(top?.headingPath).toEqual(['Refunds', 'Annual plans', 'Pro-rating']);
    expect(top?.matchText).toContain('pro-rata');
    expect(result.passages.map((p) => p.score)).toEqual([...result.passages.map((p) => p.score)].sort((a, b) => b - a));
    expect(result.bestScore).toBe(top?.score);
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });

  it('filters by lane: passages of that lane or of no lane', () => {
    const laned = retrieve(index, 'incoterms FOB lead time MOQ certifications', { lane: 'support-replies', k: 10 });
    for (const p of laned.passages) expect(p.lanes.length === 0 || p.lanes.includes('support-replies')).toBe(true);
    expect(laned.passages.some((p) => p.sopId === 'rfq-answering')).toBe(false);
    const rfq = retrieve(index, 'incoterms FOB lead time MOQ certifications', { lane: 'rfq-response' });
    expect(rfq.passages[0]?.sopId).toBe('rfq-answering');
  });

  it('returns nothing, ungrounded, for an empty or stop-word-only query', () => {
    expect(retrieve(index, '')).toMatchObject({ passages: [], grounded: false, bestScore: 0 });
    expect(retrieve(index, 'the and of to')).toMatchObject({ passages: [], grounded: false });
  });
});

describe('queryFromText', () => {
  it('keeps the latest message and drops quoted history and the signature', () => {
    const email = 'Any news on the refund?\nThanks\n--\nMarcus\nBrightlane\n\nOn Tue, Mar 5, 2024 at 9:17 AM Support <s@x.example> wrote:\n> Your chargeback was filed\n> yesterday';
    expect(queryFromText(email)).toBe('Any news on the refund? Thanks');
    expect(queryFromText('New text\n> quoted line\nmore new text')).toBe('New text more new text');
    expect(queryFromText('word '.repeat(1000)).length).toBeLessThanOrEqual(1500);
  });
});

describe('index persistence', () => {
  it('snapshots and loads, through a structured clone as IndexedDB stores it, to an index that answers the same', () => {
    const loaded = SopIndex.fromSnapshot(structuredClone(index.snapshot()));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.passageCount).toBe(passages.length);
    for (const query of ['customer says they will file a chargeback', 'refund annual plan pro-rating']) {
      expect(retrieve(loaded.value, query).passages).toEqual(retrieve(index, query).passages);
    }
    // A loaded index still takes changes: its postings are views into the snapshot until then.
    loaded.value.removeSop('refunds');
    expect(retrieve(loaded.value, 'refund annual plan pro-rating', { k: 10 }).passages.some((p) => p.sopId === 'refunds')).toBe(false);
    loaded.value.add(passages.filter((p) => p.sopId === 'refunds'));
    expect(retrieve(loaded.value, 'refund annual plan pro-rating').passages.map((p) => [p.id, p.score])).toEqual(retrieve(index, 'refund annual plan pro-rating').passages.map((p) => [p.id, p.score]));
  });

  it('refuses damaged snapshots with a reason', () => {
    const good = () => structuredClone(index.snapshot());
    const damaged: unknown[] = ['{', { format: 'other' }, { format: 'calm-triage-sop-index', version: 4, passages: [], postings: {} }];
    const outOfRange = good();
    outOfRange.postings.ordinals[0] = 1_000_000;
    const shortText = good();
    shortText.passages.texts = shortText.passages.texts.slice(1);
    const plainArrays = good() as unknown as { postings: { lengths: unknown[] } };
    plainArrays.postings.lengths = plainArrays.postings.lengths.map((l) => Array.from(l as Uint32Array));
    const missingTags = good() as unknown as { passages: { tags: unknown[] } };
    missingTags.passages.tags = missingTags.passages.tags.slice(1);
    const otherFields = good();
    otherFields.postings.fields = 2;
    damaged.push(outOfRange, shortText, plainArrays, missingTags, otherFields);
    for (const bad of damaged) {
      const loaded = SopIndex.fromSnapshot(bad);
      expect(loaded.ok).toBe(false);
      if (!loaded.ok) expect(loaded.error.code).toBe('sop.index_snapshot_invalid');
    }
  });

  it('removes and replaces a whole SOP', () => {
    const copy = SopIndex.fromPassages(passages);
    copy.removeSop('refunds');
    expect(retrieve(copy, 'refund annual plan pro-rating', { k: 10 }).passages.some((p) => p.sopId === 'refunds')).toBe(false);
    copy.replaceSop('refunds', [{ id: 'refunds@2#0', sopId: 'refunds', sopVersion: 2, sopTitle: 'Refunds', headingPath: ['Refunds'], text: 'Annual plans get store credit instead of a refund.', lanes: [] }]);
    expect(retrieve(copy, 'annual plan refund store credit').passages[0]?.id).toBe('refunds@2#0');
  });
});

describe('what a reply stands on', () => {
  const at = (id: string, sopId: string, grounding: number, tags?: string[]) => ({ id, sopId, sopVersion: 1, sopTitle: sopId, headingPath: [id], text: id, lanes: [], score: 1, matchText: '', grounding, ...(tags ? { tags } : {}) });
  const late = at('late', 'shipping', 0.7, ['shipping_delay']);
  const damaged = at('damaged', 'shipping', 0.05, ['damaged_order']);
  const refundWords = at('monthly', 'refunds', 0.4, ['refund_request']);
  const untagged = at('general', 'shipping', 0.5);

  it('takes the passages at or above the floor, not the rest of their SOP', () => {
    const footing = footingOf({ passages: [late, damaged, untagged], floor: 0.35 }, ['shipping_delay']);
    expect([late, damaged, untagged].map((p) => footing.passage(p))).toEqual([true, false, true]);
    // Companions (what an SOP says to ask for) come from the SOPs it stands on, minus other categories' sections.
    expect(footing.companion({ ...untagged, id: 'ask', sopId: 'shipping' })).toBe(true);
    expect(footing.companion({ ...damaged, id: 'ask-damaged' })).toBe(false);
    expect(footing.companion({ ...untagged, id: 'ask', sopId: 'refunds' })).toBe(false);
  });

  it("leaves out another category's section only when the category's own sections are there", () => {
    expect(footingOf({ passages: [late, refundWords], floor: 0.35 }, ['shipping_delay']).passage(refundWords)).toBe(false);
    // No section of its own came back: the words decide.
    expect(footingOf({ passages: [refundWords, untagged], floor: 0.35 }, ['shipping_delay']).passage(refundWords)).toBe(true);
  });
});
