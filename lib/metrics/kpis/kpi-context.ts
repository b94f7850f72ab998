import type { AuditRow } from '@/lib/schemas/audit';

/** The lane of rows about no lane, such as corrections of a thread never classified. */
export const NO_LANE = '';
/** Not in any of the ranges asked for. */
export const OUTSIDE = -1;

/**
 * What every KPI reducer needs to know besides its own events: the ranges (one for a report, one per week for a
 * series: a single pass over the log serves them all), the lane filter, and each thread's facts.
 */
export interface KpiContext {
  /** Which range an event at this time counts in, or OUTSIDE. */
  bucket(at: number): number;
  /** The end of a range (exclusive). */
  end(bucket: number): number;
  wanted(lane: string | null): boolean;
  /** When the panel first saw the thread (its first event), and the lane it was last classified into. */
  thread(subject: string): { firstSeen: number; lane: string | null } | undefined;
  /** Marks a lane as having a sample in a range, so its report lists it (in order of first appearance). */
  touch(bucket: number, lane: string): void;
}

/** One KPI: fed every audit row in append order, settled once the log is read, then asked for its figure per range and lane ('*' for all). */
export interface KpiReducer<Out> {
  add(row: AuditRow): void;
  /** Work that needs the whole log (outcomes known only at the end); may touch more lanes. */
  settle?(): void;
  figure(bucket: number, lane: string): Out;
}

/** Per-range, per-lane accumulators with an all-lanes one beside each: every sample goes to its lane and to '*'. */
export function perLane<A>(empty: () => A, ctx: KpiContext) {
  // Per range, per lane: nested maps rather than a joined string key, which this hot path would build per event.
  const accs = new Map<number, Map<string, A>>();
  const get = (bucket: number, lane: string) => {
    let inRange = accs.get(bucket);
    if (!inRange) accs.set(bucket, (inRange = new Map()));
    let a = inRange.get(lane);
    if (!a) inRange.set(lane, (a = empty()));
    return a;
  };
  return {
    bump(bucket: number, lane: string, update: (a: A) => void) {
      ctx.touch(bucket, lane);
      update(get(bucket, lane));
      update(get(bucket, '*'));
    },
    /** The accumulator of a lane in a range (empty when it had no sample). */
    of: (bucket: number, lane: string): A => accs.get(bucket)?.get(lane) ?? empty(),
  };
}

export const laneOf = (row: AuditRow) => row.lane ?? NO_LANE;
