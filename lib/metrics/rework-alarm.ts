import type { KpiAlarmSettings } from '@/lib/schemas/kpi-alarms';
import type { Rework } from './kpis/rework';

/** The playbook's rework alarm for one lane, with the figures that decided it. */
export type ReworkAlarm =
  | { state: 'not-enough-data'; n: number; minimumSample: number }
  | { state: 'alarm' | 'ok'; rate: number; threshold: number; hits: number; n: number; minimumSample: number };

/** Rings when the rework rate is above the lane's threshold over at least its minimum sample of decided drafts. */
export function reworkAlarm(rework: Pick<Rework, 'n' | 'hits'>, settings: KpiAlarmSettings): ReworkAlarm {
  const { n, hits } = rework;
  const { minimumSample, reworkThreshold: threshold } = settings;
  if (n < minimumSample) return { state: 'not-enough-data', n, minimumSample };
  const rate = hits / n;
  return { state: rate > threshold ? 'alarm' : 'ok', rate, threshold, hits, n, minimumSample };
}

/** To a tenth of a point: 15.4% must not read as the 15% threshold it exceeds. */
export const preciseShare = (value: number): string => `${Math.round(value * 1000) / 10}%`;

/** The alarm as the dashboard and its CSV word it. */
export function reworkAlarmText(alarm: ReworkAlarm): string {
  if (alarm.state === 'not-enough-data') return `Rework alarm: not enough data (${alarm.n} of the ${alarm.minimumSample} decided drafts it needs)`;
  const figures = `${preciseShare(alarm.rate)} of ${alarm.n} decided drafts reworked (${alarm.hits})`;
  return alarm.state === 'alarm'
    ? `Rework alarm: ${figures}, above the lane's ${preciseShare(alarm.threshold)} threshold`
    : `Rework within threshold: ${figures}, at most ${preciseShare(alarm.threshold)}`;
}
