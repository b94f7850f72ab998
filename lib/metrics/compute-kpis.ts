import type { FeedbackRow } from '@/lib/db/database';
import type { AuditRow } from '@/lib/schemas/audit';
import { acceptedWithoutEdit } from './kpis/accepted-without-edit';
import { corrections, type Corrections } from './kpis/corrections';
import { escalationPrecision, type EscalationPrecision } from './kpis/escalation-precision';
import { fieldFreshness, type FieldFreshness } from './kpis/field-freshness';
import type { Share, Spread } from './kpis/figures';
import { firstResponse } from './kpis/first-response';
import { OUTSIDE, type KpiContext } from './kpis/kpi-context';
import { rework, type Rework } from './kpis/rework';
import { routingAccepted } from './kpis/routing';

export type { Share, Spread } from './kpis/figures';
export { NO_LANE } from './kpis/kpi-context';

/**
 * The lane KPIs, one reducer each (lib/metrics/kpis/), fed the audit log in one pass (plus the feedback rows for
 * corrections). Every figure carries its sample size; the definitions the code follows are in kpi-definitions.ts.
 *
 * Rows must be in append order (by seq, as the audit table returns them): a draft's outcome and a thread's first
 * sighting are read from what came before. All rows are read whatever the range, because a reply sent in the range
 * may answer a thread first seen before it; the range decides which samples count, each by the time of the event
 * that defines it, and a sample's outcome is whatever the log holds for it, even if it came after the range.
 */

export interface KpiQuery {
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
  /** Only this lane; all lanes when absent. */
  lane?: string;
}

export interface LaneKpis {
  /** The lane id; '*' for all lanes together. */
  lane: string;
  firstResponse: Spread;
  acceptedWithoutEdit: Share;
  rework: Rework;
  escalationPrecision: EscalationPrecision;
  fieldFreshness: FieldFreshness;
  corrections: Corrections;
  /** Routing decisions that took the suggested owner. */
  routing: Share;
}

export interface KpiReport {
  from: number;
  to: number;
  /** Audit rows read. */
  events: number;
  overall: LaneKpis;
  /** One entry per lane with any sample in the range, in order of first appearance; lane '' holds rows about no lane. */
  lanes: LaneKpis[];
}

export function computeKpis(rows: readonly AuditRow[], feedback: readonly FeedbackRow[], query: KpiQuery): KpiReport {
  return computeKpiSeries(rows, feedback, [query], query.lane)[0]!;
}

/**
 * The same KPIs for several ranges in one pass over the log (a weekly series): ranges must not overlap, in any order;
 * each report is what computeKpis gives for that range alone.
 */
export function computeKpiSeries(rows: readonly AuditRow[], feedback: readonly FeedbackRow[], ranges: readonly { from: number; to: number }[], only?: string): KpiReport[] {
  const sorted = ranges.map((r, i) => ({ ...r, i })).sort((a, b) => a.from - b.from);
  sorted.forEach((r, k) => {
    const next = sorted[k + 1];
    if (next && next.from < r.to) throw new Error('KPI ranges overlap');
  });
  const threads = new Map<string, { firstSeen: number; lane: string | null }>();
  const touched = ranges.map(() => new Set<string>());
  const ctx: KpiContext = {
    bucket(at) {
      // Binary search for the last range starting at or before `at`.
      let lo = 0;
      let hi = sorted.length - 1;
      let found = OUTSIDE;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]!.from <= at) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const r = found === OUTSIDE ? undefined : sorted[found];
      return r && at < r.to ? r.i : OUTSIDE;
    },
    end: (bucket) => ranges[bucket]!.to,
    wanted: (lane) => only === undefined || lane === only,
    thread: (subject) => threads.get(subject),
    touch: (bucket, lane) => void touched[bucket]!.add(lane),
  };
  const reducers = {
    firstResponse: firstResponse(ctx),
    acceptedWithoutEdit: acceptedWithoutEdit(ctx),
    rework: rework(ctx),
    escalationPrecision: escalationPrecision(ctx),
    fieldFreshness: fieldFreshness(ctx),
    corrections: corrections(ctx, feedback),
    routing: routingAccepted(ctx),
  };
  const all = Object.values(reducers);
  for (const row of rows) {
    if (row.subject !== null) {
      // The first event about a thread is its 'thread.seen' row: that is when the panel first saw it.
      let thread = threads.get(row.subject);
      if (!thread) threads.set(row.subject, (thread = { firstSeen: row.at, lane: null }));
      if (row.kind === 'triage.classified') thread.lane = row.lane;
    }
    for (const reducer of all) reducer.add(row);
  }
  for (const reducer of all) reducer.settle?.();
  const figures = (bucket: number, lane: string): LaneKpis => ({
    lane,
    firstResponse: reducers.firstResponse.figure(bucket, lane),
    acceptedWithoutEdit: reducers.acceptedWithoutEdit.figure(bucket, lane),
    rework: reducers.rework.figure(bucket, lane),
    escalationPrecision: reducers.escalationPrecision.figure(bucket, lane),
    fieldFreshness: reducers.fieldFreshness.figure(bucket, lane),
    corrections: reducers.corrections.figure(bucket, lane),
    routing: reducers.routing.figure(bucket, lane),
  });
  return ranges.map(({ from, to }, bucket) => ({ from, to, events: rows.length, overall: figures(bucket, '*'), lanes: [...touched[bucket]!].map((lane) => figures(bucket, lane)) }));
}
