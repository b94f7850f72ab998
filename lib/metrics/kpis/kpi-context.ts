import type { AuditRow } from '@/lib/schemas/audit';

/** The lane of rows about no lane, such as corrections of a thread never classified. */
export const NO_LANE = '';

/** What every KPI reducer needs to know besides its own events: the range, the lane filter, and each thread's facts. */
export interface KpiContext {
  inRange(at: number): boolean;
  wanted(lane: string | null): boolean;
  /** When the panel first saw the thread (its first event), and the lane it was last classified into. */
  thread(subject: string): { firstSeen: number; lane: string | null } | undefined;
  /** Marks a lane as having a sample, so the report lists it (in order of first appearance). */
  touch(lane: string): void;
}

/** One KPI: fed every audit row in append order, settled once the log is read, then asked for its figure per lane ('*' for all). */
export interface KpiReducer<Out> {
  add(row: AuditRow): void;
  /** Work that needs the whole log (outcomes known only at the end); may touch more lanes. */
  settle?(): void;
  figure(lane: string): Out;
}

/** Per-lane accumulators with an all-lanes one beside them: every sample goes to its lane and to '*'. */
export function perLane<A>(empty: () => A, ctx: KpiContext) {
  const accs = new Map<string, A>();
  const get = (lane: string) => {
    let a = accs.get(lane);
    if (!a) accs.set(lane, (a = empty()));
    return a;
  };
  return {
    bump(lane: string, update: (a: A) => void) {
      ctx.touch(lane);
      update(get(lane));
      update(get('*'));
    },
    /** The accumulator of a lane (empty when it had no sample). */
    of: (lane: string): A => accs.get(lane) ?? empty(),
  };
}

export const laneOf = (row: AuditRow) => row.lane ?? NO_LANE;
