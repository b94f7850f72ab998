import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeKpis } from '@/lib/metrics/compute-kpis';
import { dashboardModel } from '@/lib/metrics/kpi-dashboard-model';
import { reworkAlarm, reworkAlarmText } from '@/lib/metrics/rework-alarm';
import { alarmSettingsFor, kpiAlarmSettingsSchema, laneAlarmOverrides } from '@/lib/schemas/kpi-alarms';
import { draftLog, fateCounts, merged, type DraftFate } from '../../support/generated-audit-log';

const HOUR = 3_600_000;
const S = 'support-replies';
const L = 'lead-routing';
const fates: DraftFate[] = ['sent', 'sent-light-edit', 'rewritten', 'rejected', 'discarded', 'replaced', 'open'];
const lanes = [
  { id: S, name: 'Support replies', kpis: [] },
  { id: L, name: 'Lead routing', kpis: [] },
];

describe('alarm settings', () => {
  it('a lane that sets nothing gets the playbook defaults; what it sets wins', () => {
    expect(alarmSettingsFor(S)).toEqual({ reworkThreshold: 0.15, minimumSample: 20, anomalyThreshold: 0.15 });
    expect(alarmSettingsFor(S, { [S]: { reworkThreshold: 0.3 } })).toEqual({ reworkThreshold: 0.3, minimumSample: 20, anomalyThreshold: 0.15 });
    expect(alarmSettingsFor(L, { [S]: { reworkThreshold: 0.3 } }).reworkThreshold).toBe(0.15);
  });

  it("reads each lane's own alarms from the lane data", () => {
    const overrides = laneAlarmOverrides([{ id: S, alarms: { minimumSample: 5 } }, { id: L }]);
    expect(overrides).toEqual({ [S]: { minimumSample: 5 } });
    expect(alarmSettingsFor(S, overrides).minimumSample).toBe(5);
    expect(alarmSettingsFor(L, overrides).minimumSample).toBe(20);
  });

  it('refuses values out of range', () => {
    expect(kpiAlarmSettingsSchema.safeParse({ reworkThreshold: 1.5 }).success).toBe(false);
    expect(kpiAlarmSettingsSchema.safeParse({ minimumSample: 0 }).success).toBe(false);
    expect(kpiAlarmSettingsSchema.safeParse({ anomalyThreshold: 0 }).success).toBe(false);
  });
});

describe('the rework alarm on known logs', () => {
  const clean = (n: number): DraftFate[] => Array.from({ length: n }, () => 'sent');
  const bad = (n: number): DraftFate[] => Array.from({ length: n }, (_, i) => (['rejected', 'rewritten', 'discarded'] as const)[i % 3] ?? 'rejected');

  it('rings above 15% over 20 decided drafts, with the figures behind it', () => {
    // 4 of 20 = 20%.
    const rows = draftLog(S, [...clean(16), ...bad(4)], 0);
    const model = dashboardModel({ rows, feedback: [], query: { from: 0, to: 100 * HOUR }, lanes });
    const card = model.cards.find((c) => c.lane === S);
    expect(card?.alarm).toEqual({ state: 'alarm', rate: 0.2, threshold: 0.15, hits: 4, n: 20, minimumSample: 20 });
    expect(reworkAlarmText(card!.alarm!)).toBe("Rework alarm: 20% of 20 decided drafts reworked (4), above the lane's 15% threshold");
    // The all-lanes card has no alarm of its own.
    expect(model.cards[0]).toMatchObject({ lane: '*', alarm: null });
  });

  it('exactly at the threshold is not above it', () => {
    const rows = draftLog(S, [...clean(17), ...bad(3)], 0);
    expect(reworkAlarm(computeKpis(rows, [], { from: 0, to: 100 * HOUR }).overall.rework, alarmSettingsFor(S))).toMatchObject({ state: 'ok', rate: 0.15 });
  });

  it('below the minimum sample it says "not enough data", however bad the rate', () => {
    const rows = draftLog(S, [...bad(19), 'open', 'open'], 0);
    const alarm = reworkAlarm(computeKpis(rows, [], { from: 0, to: 100 * HOUR }).overall.rework, alarmSettingsFor(S));
    expect(alarm).toEqual({ state: 'not-enough-data', n: 19, minimumSample: 20 });
    expect(reworkAlarmText(alarm)).toBe('Rework alarm: not enough data (19 of the 20 decided drafts it needs)');
  });

  it("each lane is judged by its own settings and its own drafts", () => {
    const rows = merged(draftLog(S, [...clean(8), ...bad(2)], 0), draftLog(L, [...clean(25), ...bad(5)], HOUR));
    const model = dashboardModel({ rows, feedback: [], query: { from: 0, to: 100 * HOUR }, lanes, alarms: { [S]: { minimumSample: 10, reworkThreshold: 0.25 } } });
    expect(model.cards.find((c) => c.lane === S)?.alarm).toMatchObject({ state: 'ok', rate: 0.2, n: 10, threshold: 0.25 });
    expect(model.cards.find((c) => c.lane === L)?.alarm).toMatchObject({ state: 'alarm', hits: 5, n: 30 });
  });

  it('on generated logs the alarm is what the counts say it must be', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...fates), { maxLength: 60 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 100 }),
        (story, minimumSample, thresholdPct) => {
          const reworkThreshold = thresholdPct / 100;
          const rows = draftLog(S, story, 0);
          const decided = story.reduce((n, f) => n + fateCounts[f].decided, 0);
          const reworked = story.reduce((n, f) => n + fateCounts[f].reworked, 0);
          const model = dashboardModel({ rows, feedback: [], query: { from: 0, to: 1000 * HOUR }, lanes, alarms: { [S]: { minimumSample, reworkThreshold } } });
          const alarm = model.cards.find((c) => c.lane === S)?.alarm ?? reworkAlarm({ n: 0, hits: 0 }, { minimumSample, reworkThreshold, anomalyThreshold: 0.15 });
          // Integer comparison: reworked/decided > threshold exactly when 100·reworked > thresholdPct·decided.
          if (decided < minimumSample) expect(alarm).toEqual({ state: 'not-enough-data', n: decided, minimumSample });
          else expect(alarm).toMatchObject({ state: 100 * reworked > thresholdPct * decided ? 'alarm' : 'ok', hits: reworked, n: decided });
        },
      ),
      { numRuns: 200 },
    );
  });
});
