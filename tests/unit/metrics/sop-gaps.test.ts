import { describe, expect, it } from 'vitest';
import { GAP_SIMILARITY, jaccard, ownNameTerms, questionTerms, sopGaps, type GapTexts } from '@/lib/metrics/sop-gaps';
import type { AuditRow } from '@/lib/schemas/audit';
import { auditRow } from '../../support/audit-rows';

const DAY = 24 * 3_600_000;
const NOW = Date.UTC(2026, 10, 25, 12);
const S = 'support-replies';
const O = 'onboarding';

/** Threads with their subject, the engine's summary, and what happened to their draft. */
const threads = {
  gala1: { subject: 'Charity gala sponsorship', summary: 'Our annual charity gala takes place on 14 June.\nAsk: Would Northwind Supply sponsor a table or donate a raffle prize?' },
  gala2: { subject: 'Sponsoring our school gala?', summary: 'The school charity gala in September needs sponsors.\nAsk: Could you sponsor a table or donate a prize for the raffle?' },
  gala3: { subject: 'Raffle prize donation', summary: 'We are collecting raffle prizes for a charity gala.\nAsk: Could Northwind donate a prize?' },
  carbon1: { subject: 'Carbon footprint of shipments', summary: 'Our procurement team must report the carbon footprint of suppliers.\nAsk: What are the CO2 emissions per shipment?' },
  carbon2: { subject: 'CO2 emissions report', summary: 'We need the CO2 emissions of your shipments for our carbon report.\nAsk: Can you send emissions per shipment?' },
  visit: { subject: 'Warehouse visit for students', summary: 'A class of engineering students would like to tour a warehouse.\nAsk: Can we visit in May?' },
  grounded: { subject: 'Refund for annual plan', summary: 'I was charged for a renewal I did not want.\nAsk: Can I get a refund?' },
};
type Id = keyof typeof threads;
const texts = (notes: Record<string, string[]> = {}): GapTexts => ({
  subjects: new Map(Object.entries(threads).map(([id, t]) => [`gmail:${id}`, t.subject])),
  questions: new Map(Object.entries(threads).map(([id, t]) => [`gmail:${id}`, t.summary])),
  notes: new Map(Object.entries(notes).map(([id, n]) => [`gmail:${id}`, n])),
});

const ungrounded = (at: number, id: Id, lane = S): AuditRow => auditRow(at, 'draft.generated', `gmail:${id}`, lane, { draftId: `d-${id}`, abstained: true, grounded: false });
const drafted = (at: number, id: Id, lane = S): AuditRow => auditRow(at, 'draft.generated', `gmail:${id}`, lane, { draftId: `d-${id}`, abstained: false, grounded: true });
const rejected = (at: number, id: Id, reason: 'wrong_policy' | 'tone', lane = S): AuditRow => auditRow(at, 'draft.rejected', `gmail:${id}`, lane, { draftId: `d-${id}`, reason });

const query = { from: NOW - 30 * DAY, to: NOW, keepFrom: NOW - 30 * DAY };

describe('SOP gaps', () => {
  it('groups ungrounded questions by similarity, with counts, lanes and example subjects, largest first', () => {
    const rows = [
      ungrounded(NOW - 5 * DAY, 'gala1'),
      ungrounded(NOW - 4 * DAY, 'carbon1'),
      ungrounded(NOW - 3 * DAY, 'gala2', O),
      ungrounded(NOW - 2 * DAY, 'visit'),
      ungrounded(NOW - 2 * DAY, 'gala3'),
      ungrounded(NOW - DAY, 'carbon2'),
      drafted(NOW - DAY, 'grounded'),
    ];
    const gaps = sopGaps(rows, texts(), query);
    expect(gaps.map((g) => [g.threads, g.ungrounded, g.rejectedForPolicy, g.lanes, g.examples])).toEqual([
      [3, 3, 0, [S, O], ['Raffle prize donation', 'Sponsoring our school gala?', 'Charity gala sponsorship']],
      [2, 2, 0, [S], ['CO2 emissions report', 'Carbon footprint of shipments']],
      [1, 1, 0, [S], ['Warehouse visit for students']],
    ]);
    // Named by the words all three use.
    expect(['charity', 'gala', 'donate', 'prize', 'raffle']).toEqual(expect.arrayContaining(gaps[0]!.words));
  });

  it('the similarity rule: alike phrasings pass the bar, unrelated questions stay far under it', () => {
    const terms = (id: Id) => questionTerms(`${threads[id].subject}\n${threads[id].summary}`);
    expect(jaccard(terms('gala1'), terms('gala3'))).toBeGreaterThanOrEqual(GAP_SIMILARITY);
    expect(jaccard(terms('carbon1'), terms('carbon2'))).toBeGreaterThanOrEqual(GAP_SIMILARITY);
    for (const [a, b] of [['gala1', 'carbon1'], ['gala2', 'visit'], ['carbon2', 'grounded']] as const) expect(jaccard(terms(a), terms(b))).toBeLessThan(0.1);
    // The summary's own labels are no sign of likeness.
    expect(questionTerms('Ask: x\nSubject: y').has('ask')).toBe(false);
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBe(0.5);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });

  it('drafts rejected as wrong policy are gaps, with their notes read for similarity; other rejections are not', () => {
    const rows = [drafted(NOW - 3 * DAY, 'grounded'), rejected(NOW - 3 * DAY, 'grounded', 'wrong_policy'), drafted(NOW - 2 * DAY, 'visit'), rejected(NOW - 2 * DAY, 'visit', 'tone'), ungrounded(NOW - DAY, 'gala1')];
    const gaps = sopGaps(rows, texts(), query);
    // One thread each: the most recent first.
    expect(gaps.map((g) => [g.examples, g.ungrounded, g.rejectedForPolicy])).toEqual([
      [['Charity gala sponsorship'], 1, 0],
      [['Refund for annual plan'], 0, 1],
    ]);
    // The rep's note says it is the gala question again: the two join.
    const joined = sopGaps(rows, texts({ grounded: ['charity gala sponsor raffle prize donate table annual'] }), query);
    expect(joined.map((g) => g.threads)).toEqual([2]);
  });

  it('respects the retention cutoff, the range and the lane filter; failed generations are no gaps', () => {
    const rows = [
      ungrounded(NOW - 40 * DAY, 'gala1'),
      ungrounded(NOW - 20 * DAY, 'gala2', O),
      ungrounded(NOW - 10 * DAY, 'carbon1'),
      auditRow(NOW - DAY, 'draft.generated', 'gmail:visit', S, { draftId: 'f', failed: 'engine.unreachable' }),
    ];
    const all = { from: 0, to: NOW };
    expect(sopGaps(rows, texts(), { ...all, keepFrom: 0 }).reduce((n, g) => n + g.threads, 0)).toBe(3);
    // Kept for 30 days: the 40-day-old question is gone even from an all-time view.
    expect(sopGaps(rows, texts(), { ...all, keepFrom: NOW - 30 * DAY }).flatMap((g) => g.examples)).toEqual(['Carbon footprint of shipments', 'Sponsoring our school gala?']);
    expect(sopGaps(rows, texts(), { from: NOW - 15 * DAY, to: NOW, keepFrom: 0 }).flatMap((g) => g.examples)).toEqual(['Carbon footprint of shipments']);
    expect(sopGaps(rows, texts(), { ...all, keepFrom: 0, lane: O }).flatMap((g) => g.examples)).toEqual(['Sponsoring our school gala?']);
  });

  it("the company's own name, from its mail domains, neither joins questions nor names a gap", () => {
    expect([...ownNameTerms(['northwind-supply.example', 'northwind.co.uk'])].sort()).toEqual(['co', 'northwind', 'sup']);
    const rows = [ungrounded(NOW - 2 * DAY, 'gala1'), ungrounded(NOW - DAY, 'gala3')];
    expect(sopGaps(rows, texts(), query)[0]!.words).toContain('northwind');
    const own = sopGaps(rows, { ...texts(), ownDomains: ['northwind-supply.example'] }, query);
    expect(own.map((g) => g.threads)).toEqual([2]);
    expect(own[0]!.words).not.toContain('northwind');
    expect(own[0]!.words).not.toContain('supply');
  });

  it('subject lines that share most of their words join threads whose summaries drifted apart; one shared word does not', () => {
    const drift: GapTexts = {
      subjects: new Map([
        ['gmail:a', 'Charity gala sponsorship'],
        ['gmail:b', 'Sponsoring our charity gala'],
        ['gmail:c', 'Question'],
        ['gmail:d', 'A question'],
      ]),
      questions: new Map([
        ['gmail:a', 'I write for the Riverside Foundation.\nAsk: Would you be interested?'],
        ['gmail:b', 'The Lakeside school holds its ball in September.\nAsk: Could you give a prize?'],
        ['gmail:c', 'Our pallets arrived wet.\nAsk: Who pays for the damage?'],
        ['gmail:d', 'The invoice names the wrong VAT number.\nAsk: Can you reissue it?'],
      ]),
      notes: new Map(),
    };
    const rows = (['a', 'b', 'c', 'd'] as const).map((id, i) => auditRow(NOW - (4 - i) * DAY, 'draft.generated', `gmail:${id}`, S, { draftId: id, abstained: true, grounded: false }));
    expect(sopGaps(rows, drift, query).map((g) => g.examples)).toEqual([['Sponsoring our charity gala', 'Charity gala sponsorship'], ['A question'], ['Question']]);
  });

  it('among ten or more gap threads, a word most of them use joins nothing', () => {
    // Eleven unrelated questions that all mention the order; two of them also share a real question.
    const topics = ['pallet wet damage', 'invoice vat number', 'password reset login', 'customs export papers', 'warranty claim motor', 'delivery date friday', 'quote bulk discount', 'address change billing', 'api rate limit', 'gala sponsorship charity raffle'];
    const subjects = new Map(topics.map((t, i) => [`gmail:q${i}`, `About my order: ${t}`]));
    subjects.set('gmail:q10', 'About my order: charity gala raffle sponsorship');
    const rows = [...subjects.keys()].map((id, i) => auditRow(NOW - DAY + i, 'draft.generated', id, S, { draftId: id, abstained: true, grounded: false }));
    const gaps = sopGaps(rows, { subjects, questions: new Map(), notes: new Map() }, query);
    expect(gaps.map((g) => g.threads)).toEqual([2, ...Array(9).fill(1)]);
    expect(gaps[0]!.words).not.toContain('order');
    // Under ten threads "order" still counts: "About my order: pallet" and "About my order: invoice" share 1 of 3 terms.
    const two = new Map([
      ['gmail:q0', 'About my order: pallet'],
      ['gmail:q1', 'About my order: invoice'],
    ]);
    expect(sopGaps(rows.slice(0, 2), { subjects: two, questions: new Map(), notes: new Map() }, query).map((g) => g.threads)).toEqual([2]);
  });

  it('a thread whose subject is no longer kept still counts, and says so', () => {
    const gaps = sopGaps([ungrounded(NOW - DAY, 'gala1')], { subjects: new Map(), questions: new Map(), notes: new Map() }, query);
    expect(gaps).toMatchObject([{ threads: 1, examples: ['(subject no longer kept)'], words: [] }]);
  });
});
