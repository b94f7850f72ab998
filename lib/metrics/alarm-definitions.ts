import { kpiAlarmSettingsSchema } from '@/lib/schemas/kpi-alarms';

const defaults = kpiAlarmSettingsSchema.parse({});
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The alarm rules in plain words, with the defaults a lane keeps unless it sets its own. */
export const alarmDefinitions = [
  {
    id: 'reworkAlarm',
    title: 'Rework alarm',
    definition: `A lane whose rework rate is above its threshold (${pct(defaults.reworkThreshold)} unless the lane sets another) over at least its minimum sample of decided drafts (${defaults.minimumSample} by default) is flagged, with the rate, the count and the threshold. Under the minimum sample it says "not enough data".`,
    limits: 'The alarm reads the same rework figure as the card, over the chosen range.',
  },
  {
    id: 'anomalies',
    title: 'Week-over-week anomalies',
    definition: `The range is cut into seven-day weeks ending now (at least two). A share (accepted without edit, rework, escalation precision, resolved within 24 h) that moves by more than the lane's anomaly threshold in percentage points (${pct(defaults.anomalyThreshold)} by default) from one week to the next is flagged; a median time (first response) that changes by more than that fraction of the week before is too. Both weeks need at least the lane's minimum sample.`,
    limits: 'Corrections are counts, not a level, and are not compared. A lane with fewer samples a week than its minimum is never flagged: lower its minimum sample to watch a quiet lane.',
  },
] as const;
