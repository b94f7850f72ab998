import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anomalyText } from '@/lib/metrics/anomalies';
import { dashboardModel } from '@/lib/metrics/kpi-dashboard-model';
import { WEEK_MS, weeklyReports } from '@/lib/metrics/weekly';
import { draftLog, merged, type DraftFate } from '../../support/generated-audit-log';

const HOUR = 3_600_000;
const S = 'support-replies';
const lanes = [{ id: S, name: 'Support replies', kpis: [] }];
/** A Wednesday noon, UTC: the end of every range below. */
const TO = Date.UTC(2026, 10, 25, 12);

/** Per week, oldest first: [drafts sent as generated, drafts rejected]. Each week's threads start an hour into it. */
function weeksLog(weeks: readonly (readonly [number, number])[]): ReturnType<typeof draftLog> {
  const logs = weeks.map(([clean, bad], i) => {
    const start = TO - (weeks.length - i) * WEEK_MS + HOUR;
    return draftLog(S, [...Array<DraftFate>(clean).fill('sent'), ...Array<DraftFate>(bad).fill('rejected')], start, 10 * 60_000);
  });
  return merged(...logs);
}

const model = (weeks: readonly (readonly [number, number])[], alarms?: { minimumSample?: number; anomalyThreshold?: number }) =>
  dashboardModel({ rows: weeksLog(weeks), feedback: [], query: { from: TO - weeks.length * WEEK_MS, to: TO }, lanes, ...(alarms ? { alarms: { [S]: alarms } } : {}) });
const laneCard = (m: ReturnType<typeof model>) => {
  const card = m.cards.find((c) => c.lane === S);
  if (!card) throw new Error('no support card');
  return card;
};

describe('weekly series', () => {
  it('seven-day weeks end at the range end, oldest first, at least two, from the range start or the first row', () => {
    const weeks = weeklyReports([], [], { from: TO - 3 * 24 * HOUR, to: TO });
    expect(weeks.map((w) => [w.from, w.to])).toEqual([
      [TO - 2 * WEEK_MS, TO - WEEK_MS],
      [TO - WEEK_MS, TO],
    ]);
    const month = draftLog(S, ['sent'], TO - 40 * 24 * HOUR);
    expect(weeklyReports(month, [], { from: TO - 30 * 24 * HOUR, to: TO })).toHaveLength(5);
    // All time starts at the first row: 40 days back is six weeks.
    expect(weeklyReports(month, [], { from: 0, to: TO })).toHaveLength(6);
  });

  it('each week holds the drafts generated in it', () => {
    const card = laneCard(model([[18, 2], [14, 6], [5, 0]]));
    expect(card.weeks.map((w) => [w.points.rework.n, w.points.rework.value])).toEqual([
      [20, 0.1],
      [20, 0.3],
      [5, 0],
    ]);
    // The card's figure is the whole range's.
    expect(card.kpis.rework).toMatchObject({ n: 45, hits: 8 });
  });
});

describe('week-over-week anomalies on known logs', () => {
  it('a rework rate from 10% to 30% over 20 drafts each week is an anomaly; nothing else moved', () => {
    const card = laneCard(model([[18, 2], [14, 6]]));
    expect(card.anomalies).toEqual([{ kpi: 'rework', weekFrom: TO - WEEK_MS, before: { n: 20, value: 0.1 }, after: { n: 20, value: 0.3 }, change: expect.closeTo(0.2, 9) }]);
    expect(anomalyText(card.anomalies[0]!)).toBe('Rework rate: 10% → 30% (+20 points) in the week from 2026-11-18, n 20 → 20');
  });

  it('exactly the threshold is not beyond it (10% → 25%); just over it is (0% → 16%)', () => {
    expect(laneCard(model([[18, 2], [15, 5]])).anomalies).toEqual([]);
    expect(laneCard(model([[20, 0], [21, 4]])).anomalies.map((a) => a.kpi)).toEqual(['rework']);
  });

  it('needs the minimum sample in both weeks', () => {
    expect(laneCard(model([[18, 2], [13, 6]])).anomalies).toEqual([]);
    expect(laneCard(model([[17, 2], [14, 6]])).anomalies).toEqual([]);
    expect(laneCard(model([[8, 2], [4, 6]], { minimumSample: 10 })).anomalies.map((a) => a.kpi)).toEqual(['rework']);
  });

  it("follows the lane's own threshold, both ways", () => {
    expect(laneCard(model([[14, 6], [18, 2]], { anomalyThreshold: 0.25 })).anomalies).toEqual([]);
    expect(laneCard(model([[14, 6], [18, 2]], { anomalyThreshold: 0.1 })).anomalies).toMatchObject([{ kpi: 'rework', change: expect.closeTo(-0.2, 9) }]);
  });

  it('a time KPI shifts by its relative change: first response from 5 to 12 minutes', () => {
    // Same drafts both weeks; only the second week's replies are slower.
    const slow = (rows: ReturnType<typeof weeksLog>) => rows.map((r) => (r.kind === 'draft.sent' && r.at >= TO - WEEK_MS ? { ...r, at: r.at + 7 * 60_000 } : r));
    const rows = slow(weeksLog([[20, 0], [20, 0]])).sort((a, b) => a.at - b.at);
    const card = laneCard(dashboardModel({ rows, feedback: [], query: { from: TO - 2 * WEEK_MS, to: TO }, lanes }));
    expect(card.anomalies).toMatchObject([{ kpi: 'firstResponse', before: { value: 5 * 60_000 }, after: { value: 12 * 60_000 }, change: expect.closeTo(1.4, 9) }]);
    expect(anomalyText(card.anomalies[0]!)).toContain('First-response time (median): 5 min → 12 min (+140%)');
  });

  it('on generated logs, the anomalies are exactly the weeks the counts say', () => {
    const week = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 15 }));
    fc.assert(
      fc.property(fc.array(week, { minLength: 2, maxLength: 4 }), fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 60 }), (weeks, minimumSample, pct) => {
        const card = laneCard(model(weeks, { minimumSample, anomalyThreshold: pct / 100 }));
        const expected: number[] = [];
        for (let i = 1; i < weeks.length; i++) {
          const [ac, ab] = weeks[i - 1]!;
          const [bc, bb] = weeks[i]!;
          const [an, bn] = [ac + ab, bc + bb];
          if (an < minimumSample || bn < minimumSample) continue;
          // |bb/bn − ab/an| > pct/100, in integers.
          if (100 * Math.abs(bb * an - ab * bn) > pct * an * bn) expected.push(TO - (weeks.length - i) * WEEK_MS);
        }
        // Every draft is sent as generated or rejected, five minutes after the thread is seen: only rework can move.
        expect(card.anomalies.filter((a) => a.kpi !== 'rework')).toEqual([]);
        expect(card.anomalies.map((a) => a.weekFrom)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
