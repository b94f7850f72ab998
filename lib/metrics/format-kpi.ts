import { MIN_SAMPLE } from './kpi-definitions';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const oneDecimal = (n: number) => (n < 10 ? String(Math.round(n * 10) / 10) : String(Math.round(n)));

/** A duration as an admin reads it: "45 s", "12 min", "3.5 h", "2.1 d". */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) return `${oneDecimal(ms / HOUR)} h`;
  return `${oneDecimal(ms / DAY)} d`;
}

export const formatShare = (value: number): string => `${Math.round(value * 100)}%`;

/** Whether a figure over n samples is worth showing as a number. */
export const enoughData = (n: number): boolean => n >= MIN_SAMPLE;
