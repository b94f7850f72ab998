import type { AuditRow } from '@/lib/schemas/audit';
import { spread, type Spread } from './figures';
import { laneOf, OUTSIDE, perLane, type KpiContext, type KpiReducer } from './kpi-context';

/** Thread first seen → first reply sent from a draft. Sampled when the reply is sent. */
export function firstResponse(ctx: KpiContext): KpiReducer<Spread> {
  const samples = perLane<number[]>(() => [], ctx);
  const responded = new Set<string>();
  return {
    add(row: AuditRow) {
      if (row.kind !== 'draft.sent' || row.subject === null) return;
      const thread = ctx.thread(row.subject);
      const first = !responded.has(row.subject);
      responded.add(row.subject);
      const bucket = ctx.bucket(row.at);
      if (bucket === OUTSIDE || !ctx.wanted(row.lane)) return;
      if (first && thread) samples.bump(bucket, laneOf(row), (s) => s.push(row.at - thread.firstSeen));
      else ctx.touch(bucket, laneOf(row));
    },
    figure: (bucket, lane) => spread(samples.of(bucket, lane)),
  };
}
