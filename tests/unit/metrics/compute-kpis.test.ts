import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeedbackRow } from '@/lib/db/database';
import type { AuditKind, AuditRow } from '@/lib/schemas/audit';
import { auditRow } from '../../support/audit-rows';
import { computeKpis, computeKpiSeries, type LaneKpis } from '@/lib/metrics/compute-kpis';

const MIN = 60_000;
const HOUR = 60 * MIN;

const ev = auditRow;
const fb = (at: number, subject: string, field: string, from: string, to: string): FeedbackRow => ({ at, subject, field, from, to, text: '' });

const S = 'support-replies';
const L = 'lead-routing';

/**
 * Six Gmail threads, times in minutes (KPIs worked out by hand in the tests below):
 * T1 sent as generated; T2 flagged, corrected, regenerated, sent heavily edited; T3 flagged but sent as is;
 * T4 (lead lane) rejected for tone; T5 an abstained holding reply sent; T6 a draft still open.
 */
function gmailStream(): { rows: AuditRow[]; feedback: FeedbackRow[] } {
  const m = (n: number) => n * MIN;
  const rows = [
    ev(m(0), 'thread.seen', 'gmail:t1', null),
    ev(m(1), 'triage.classified', 'gmail:t1', S, { needsHumanTriage: false }),
    ev(m(2), 'draft.generated', 'gmail:t1', S, { draftId: 'd1', abstained: false }),
    ev(m(5), 'thread.seen', 'gmail:t2', null),
    ev(m(6), 'triage.classified', 'gmail:t2', S, { needsHumanTriage: true }),
    ev(m(7), 'draft.generated', 'gmail:t2', S, { draftId: 'd2', abstained: false }),
    ev(m(8), 'triage.corrected', 'gmail:t2', null, { field: 'category', from: 'billing_dispute', to: 'refund_request', learnt: true }),
    ev(m(9), 'draft.generated', 'gmail:t2', S, { draftId: 'd3', abstained: false }),
    ev(m(10), 'draft.sent', 'gmail:t1', S, { draftId: 'd1', editRatio: 0, editRatioFromGenerated: 0 }),
    ev(m(20), 'thread.seen', 'gmail:t3', null),
    ev(m(21), 'triage.classified', 'gmail:t3', S, { needsHumanTriage: true }),
    ev(m(22), 'draft.generated', 'gmail:t3', S, { draftId: 'd4', abstained: false }),
    ev(m(30), 'thread.seen', 'gmail:t4', null),
    ev(m(30.5), 'triage.classified', 'gmail:t4', L, { needsHumanTriage: false }),
    ev(m(31), 'draft.generated', 'gmail:t4', L, { draftId: 'd5', abstained: false }),
    ev(m(32), 'draft.rejected', 'gmail:t4', L, { draftId: 'd5', reason: 'tone', hasNote: false }),
    // Edited in the panel before insert: 0 against the approved text, 0.5 against what was generated.
    ev(m(35), 'draft.sent', 'gmail:t2', S, { draftId: 'd3', editRatio: 0, editRatioFromGenerated: 0.5 }),
    ev(m(40), 'thread.seen', 'gmail:t5', null),
    ev(m(40.5), 'triage.classified', 'gmail:t5', S, { needsHumanTriage: false }),
    ev(m(41), 'draft.generated', 'gmail:t5', S, { draftId: 'd6', abstained: true }),
    ev(m(42), 'thread.seen', 'gmail:t6', null),
    ev(m(42.5), 'triage.classified', 'gmail:t6', S, { needsHumanTriage: false }),
    ev(m(43), 'draft.generated', 'gmail:t6', S, { draftId: 'd7', abstained: false }),
    ev(m(45), 'engine.usage', 'gmail:t6', null, { input: 10 }),
    ev(m(50), 'draft.sent', 'gmail:t3', S, { draftId: 'd4', editRatio: 0.01, editRatioFromGenerated: 0.01 }),
    ev(m(60), 'draft.sent', 'gmail:t5', S, { draftId: 'd6', editRatio: 0, editRatioFromGenerated: 0 }),
  ];
  const feedback = [fb(m(8), 'gmail:t2', 'category', 'billing_dispute', 'refund_request'), fb(m(32), 'gmail:t4', 'draft', 'lead_inquiry', 'tone')];
  return { rows, feedback };
}

const lane = (lanes: LaneKpis[], id: string) => {
  const found = lanes.find((l) => l.lane === id);
  if (!found) throw new Error(`no lane ${id}`);
  return found;
};

describe('computeKpis over a hand-built Gmail stream', () => {
  const { rows, feedback } = gmailStream();
  const all = computeKpis(rows, feedback, { from: 0, to: 10 * HOUR });
  const support = lane(all.lanes, S);
  const lead = lane(all.lanes, L);

  it('first-response time: thread first seen to first reply sent, median and p90 by nearest rank', () => {
    // T1 10, T2 30, T3 30, T5 20 minutes → sorted 10, 20, 30, 30.
    expect(support.firstResponse).toEqual({ n: 4, median: 20 * MIN, p90: 30 * MIN });
    expect(lead.firstResponse).toEqual({ n: 0, median: null, p90: null });
  });

  it('accepted without edit is measured against the generated text, not the approved one', () => {
    // d1 0, d3 0.5 (edited in the panel), d4 0.01, d6 0.
    expect(support.acceptedWithoutEdit).toEqual({ n: 4, hits: 3, value: 0.75 });
  });

  it('rework: replaced and heavily edited drafts count, the open one is left out', () => {
    expect(support.rework).toEqual({ n: 5, hits: 2, value: 0.4, rejected: 0, discarded: 0, replaced: 1, heavilyEdited: 1, open: 1 });
    expect(lead.rework).toMatchObject({ n: 1, hits: 1, value: 1, rejected: 1 });
  });

  it('escalation precision: a correction or a sent holding reply confirms a flag; a draft sent as is was a false alarm', () => {
    expect(support.escalationPrecision).toEqual({ n: 3, hits: 2, value: 2 / 3, flagged: 3, undecided: 0 });
    expect(lead.escalationPrecision).toMatchObject({ n: 0, value: null, flagged: 0 });
  });

  it('corrections by field from the feedback log, learnt from the audit; draft rejections by reason', () => {
    expect(support.corrections).toEqual({ total: 1, byField: { category: 1 }, rejectionReasons: {}, learnt: 1 });
    expect(lead.corrections).toEqual({ total: 0, byField: {}, rejectionReasons: { tone: 1 }, learnt: 0 });
  });

  it('overall figures pool every lane', () => {
    expect(all.overall.lane).toBe('*');
    expect(all.overall.rework).toMatchObject({ n: 6, hits: 3, open: 1 });
    expect(all.overall.firstResponse).toEqual({ n: 4, median: 20 * MIN, p90: 30 * MIN });
    expect(all.overall.corrections.rejectionReasons).toEqual({ tone: 1 });
    expect(all.events).toBe(rows.length);
  });

  it('a date range counts replies sent in it, timed from a first sighting before it', () => {
    const later = computeKpis(rows, feedback, { from: 25 * MIN, to: 10 * HOUR });
    const s = lane(later.lanes, S);
    // d1's reply at 10 min is out; T2 (seen at 5, before the range) still counts 30.
    expect(s.firstResponse).toEqual({ n: 3, median: 30 * MIN, p90: 30 * MIN });
    expect(s.acceptedWithoutEdit).toEqual({ n: 3, hits: 2, value: 2 / 3 });
    // Only drafts generated from 25 min on: d6 sent, d7 open.
    expect(s.rework).toMatchObject({ n: 1, hits: 0, open: 1 });
    // T5's flag (41 min) is in, T2's and T3's (6 and 21) are out.
    expect(s.escalationPrecision).toMatchObject({ n: 1, hits: 1, flagged: 1 });
    expect(s.corrections.total).toBe(0);
  });

  it('a lane filter keeps that lane alone', () => {
    const only = computeKpis(rows, feedback, { from: 0, to: 10 * HOUR, lane: L });
    expect(only.lanes.map((l) => l.lane)).toEqual([L]);
    expect(only.overall.rework).toMatchObject({ n: 1, hits: 1 });
    expect(only.overall.firstResponse.n).toBe(0);
  });

  it('a thread answered before the range does not get a second "first" response in it', () => {
    const again = [...rows, ev(70 * MIN, 'draft.generated', 'gmail:t1', S, { draftId: 'd8', abstained: false }), ev(80 * MIN, 'draft.sent', 'gmail:t1', S, { draftId: 'd8', editRatioFromGenerated: 0 })];
    const s = lane(computeKpis(again, [], { from: 65 * MIN, to: 10 * HOUR }).lanes, S);
    expect(s.firstResponse.n).toBe(0);
    expect(s.acceptedWithoutEdit).toEqual({ n: 1, hits: 1, value: 1 });
    // d8 replaced nothing: d1 before it was sent.
    expect(s.rework).toMatchObject({ n: 1, hits: 0, replaced: 0 });
  });

  it('a draft discarded in Gmail counts as rework; a failed generation is no draft', () => {
    const stream = [
      ev(0, 'thread.seen', 'gmail:x', null),
      ev(1, 'draft.generated', 'gmail:x', S, { draftId: 'f1', failed: 'engine.unreachable' }),
      ev(2, 'draft.generated', 'gmail:x', S, { draftId: 'x1', abstained: false }),
      ev(3, 'draft.discarded', 'gmail:x', S, { draftId: 'x1', wasInserted: true }),
    ];
    expect(lane(computeKpis(stream, [], { from: 0, to: HOUR }).lanes, S).rework).toMatchObject({ n: 1, hits: 1, discarded: 1, open: 0 });
  });
});

describe('computeKpis over HubSpot proposals', () => {
  const C = 'crm-discipline';
  const H = 'hubspot:1/0-1/42';
  const to = 100 * HOUR;
  const rows = [
    ev(0, 'proposal.created', H, C, { property: 'lifecyclestage' }),
    ev(0, 'proposal.created', H, C, { property: 'phone' }),
    ev(0, 'proposal.created', H, C, { property: 'jobtitle' }),
    ev(1 * HOUR, 'field.conflict', H, C, { property: 'dealstage' }),
    ev(2 * HOUR, 'field.written', H, C, { property: 'lifecyclestage' }),
    // An undo: written without a proposal of its own, so counted as a write but not timed.
    ev(3 * HOUR, 'field.written', H, C, { property: 'lifecyclestage' }),
    ev(30 * HOUR, 'proposal.rejected', H, C, { property: 'phone' }),
    ev(to - HOUR, 'proposal.created', H, C, { property: 'email' }),
  ];
  const crm = lane(computeKpis(rows, [], { from: 0, to }).lanes, C);

  it('times proposal to write, and judges within 24 h only proposals old enough to judge', () => {
    expect(crm.fieldFreshness.toWrite).toEqual({ n: 1, median: 2 * HOUR, p90: 2 * HOUR });
    // lifecyclestage in 2 h (yes), phone rejected after 30 h (no), jobtitle open for 100 h (no); email too young.
    expect(crm.fieldFreshness.resolvedWithin24h).toEqual({ n: 3, hits: 1, value: 1 / 3 });
    expect(crm.fieldFreshness).toMatchObject({ written: 1, rejected: 1, open: 2, conflicts: 1, writes: 2 });
  });

  it('a second proposal for the same property replaces an unrecorded resolution instead of guessing it', () => {
    const again = [...rows, ev(50 * HOUR, 'proposal.created', H, C, { property: 'jobtitle' }), ev(51 * HOUR, 'field.written', H, C, { property: 'jobtitle' })];
    const f = lane(computeKpis(again, [], { from: 0, to }).lanes, C).fieldFreshness;
    expect(f.toWrite).toEqual({ n: 2, median: HOUR, p90: 2 * HOUR });
    expect(f.resolvedWithin24h).toEqual({ n: 3, hits: 2, value: 2 / 3 });
    expect(f.open).toBe(1);
  });
});

const kinds: AuditKind[] = ['thread.seen', 'triage.classified', 'triage.corrected', 'draft.generated', 'draft.sent', 'draft.rejected', 'draft.discarded', 'proposal.created', 'proposal.rejected', 'field.written', 'field.conflict'];

// Each generated row takes from these the fields its kind has (auditRow fills the rest and checks the union).
const rowArb = fc
  .record({
    at: fc.integer({ min: 0, max: 1_000_000 }),
    kind: fc.constantFrom(...kinds),
    subject: fc.constantFrom('gmail:a', 'gmail:b', 'gmail:c', 'hubspot:1/0-1/1', null),
    lane: fc.constantFrom('support-replies', 'lead-routing', 'crm-discipline', null),
    draftId: fc.constantFrom('d1', 'd2', 'd3', 'd4'),
    abstained: fc.boolean(),
    needsHumanTriage: fc.boolean(),
    editRatioFromGenerated: fc.double({ min: 0, max: 1, noNaN: true }),
    field: fc.constantFrom('category' as const, 'owner' as const, 'urgency' as const),
    learnt: fc.boolean(),
    reason: fc.constantFrom('wrong_category' as const, 'tone' as const),
    property: fc.constantFrom('phone', 'email'),
  })
  .map(({ at, kind, subject, lane, ...values }) => {
    const fields: Partial<Record<AuditKind, (keyof typeof values)[]>> = {
      'thread.seen': [], 'triage.classified': ['needsHumanTriage'], 'triage.corrected': ['field', 'learnt'], 'draft.generated': ['draftId', 'abstained'],
      'draft.sent': ['draftId', 'editRatioFromGenerated'], 'draft.rejected': ['draftId', 'reason'], 'draft.discarded': ['draftId'],
      'proposal.created': ['property'], 'proposal.rejected': ['property'], 'field.written': ['property'], 'field.conflict': ['property'],
    };
    return auditRow(at, kind, subject, lane, Object.fromEntries((fields[kind] ?? []).map((f) => [f, values[f]])));
  });

describe('computeKpis on any stream', () => {
  it('keeps shares within [0, 1], medians within their samples, and lanes adding up to the whole', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 120 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (unsorted, from, span) => {
        const rows = [...unsorted].sort((a, b) => a.at - b.at);
        const feedback = rows.filter((r) => r.kind === 'triage.corrected' && r.subject).map((r) => fb(r.at, r.subject!, r.kind === 'triage.corrected' ? r.data.field : '', 'a', 'b'));
        const report = computeKpis(rows, feedback, { from, to: from + span });
        for (const k of [report.overall, ...report.lanes]) {
          for (const s of [k.acceptedWithoutEdit, k.rework, k.escalationPrecision, k.fieldFreshness.resolvedWithin24h]) {
            expect(s.hits).toBeLessThanOrEqual(s.n);
            if (s.n === 0) {
              expect(s.value).toBeNull();
              continue;
            }
            expect(s.value).toBeGreaterThanOrEqual(0);
            expect(s.value).toBeLessThanOrEqual(1);
          }
          for (const d of [k.firstResponse, k.fieldFreshness.toWrite]) {
            if (d.n === 0) continue;
            // Durations run forwards in a sorted stream and cannot exceed its span.
            expect(d.median).toBeGreaterThanOrEqual(0);
            expect(d.median!).toBeLessThanOrEqual(d.p90!);
            expect(d.p90!).toBeLessThanOrEqual(1_000_000);
          }
        }
        const sum = (f: (k: LaneKpis) => number) => report.lanes.reduce((n, k) => n + f(k), 0);
        expect(sum((k) => k.rework.n)).toBe(report.overall.rework.n);
        expect(sum((k) => k.firstResponse.n)).toBe(report.overall.firstResponse.n);
        expect(sum((k) => k.escalationPrecision.flagged)).toBe(report.overall.escalationPrecision.flagged);
      }),
      { numRuns: 300 },
    );
  });
});

describe('computeKpiSeries', () => {
  it('gives each of several ranges, in one pass, what computeKpis gives it alone', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 120 }), fc.uniqueArray(fc.integer({ min: 0, max: 1_100_000 }), { minLength: 2, maxLength: 6 }), fc.constantFrom(undefined, 'support-replies'), (unsorted, cuts, lane) => {
        const rows = [...unsorted].sort((a, b) => a.at - b.at);
        const feedback = rows.filter((r) => r.kind === 'triage.corrected' && r.subject).map((r) => fb(r.at, r.subject!, 'category', 'a', 'b'));
        const edges = [...cuts].sort((a, b) => a - b);
        // Adjacent ranges, given newest first, with one gap left out.
        const ranges = edges.slice(1).map((to, i) => ({ from: edges[i]!, to })).filter((_, i) => i !== 1).reverse();
        const series = computeKpiSeries(rows, feedback, ranges, lane);
        expect(series).toEqual(ranges.map((r) => computeKpis(rows, feedback, { ...r, ...(lane ? { lane } : {}) })));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses overlapping ranges', () => {
    expect(() => computeKpiSeries([], [], [{ from: 0, to: 10 }, { from: 5, to: 15 }])).toThrow('overlap');
  });
});
