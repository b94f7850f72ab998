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
] as const;
