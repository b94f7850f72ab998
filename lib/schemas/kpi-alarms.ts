import { z } from 'zod';
import { lazySchema } from './lazy-schema';

/**
 * A lane's KPI alarm settings. Lanes carry them as an optional partial (`alarms`); what a lane leaves out takes the
 * team playbook's defaults below.
 */
export const kpiAlarmSettingsSchema = lazySchema(() => z.object({
  /** 0–1: a rework rate above it rings the lane's alarm (the playbook's 15%). */
  reworkThreshold: z.number().min(0).max(1).default(0.15),
  /**
   * Decided drafts (for the alarm), and samples in each of two weeks (for an anomaly), below which there is "not enough
   * data". 20 because under it one draft moves a rate by more than 5 points: at 10 drafts a single rejection would take
   * a clean lane from 10% to 20% and ring the alarm on one bad afternoon. 20 is also about a week of one rep's drafts.
   */
  minimumSample: z.number().int().min(1).default(20),
  /**
   * 0–1: a week-over-week shift beyond it is an anomaly. For a share KPI it is percentage points (0.15: 40% → 56%);
   * for a time KPI, the median's relative change (0.15: 40 min → 47 min).
   */
  anomalyThreshold: z.number().gt(0).max(1).default(0.15),
}));
export type KpiAlarmSettings = z.output<typeof kpiAlarmSettingsSchema>;

/** Per lane id, what each lane sets of its alarms (the lane data's `alarms` field). */
export type LaneAlarmOverrides = Readonly<Record<string, Partial<KpiAlarmSettings> | undefined>>;

/** A lane's alarm settings, its own where it set them and the defaults elsewhere. Throws on values out of range. */
export function alarmSettingsFor(lane: string, overrides?: LaneAlarmOverrides): KpiAlarmSettings {
  return kpiAlarmSettingsSchema.parse(overrides?.[lane] ?? {});
}

/** The overrides of every lane that sets some, from the lane data (its optional `alarms`). */
export function laneAlarmOverrides(lanes: readonly { id: string; alarms?: Partial<KpiAlarmSettings> | undefined }[]): LaneAlarmOverrides {
  return Object.fromEntries(lanes.filter((l) => l.alarms !== undefined).map((l) => [l.id, l.alarms]));
}
