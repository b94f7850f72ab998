import type { AuditRow } from '@/lib/schemas/audit';
import { share, type Share } from './figures';
import { laneOf, OUTSIDE, perLane, type KpiContext, type KpiReducer } from './kpi-context';

/** Reps' routing decisions that took the suggested owner or queue. Sampled when routed; routing a thread again counts again. */
export function routingAccepted(ctx: KpiContext): KpiReducer<Share> {
  const counts = perLane(() => ({ routed: 0, accepted: 0 }), ctx);
  return {
    add(row: AuditRow) {
      if (row.kind !== 'triage.routed' || !ctx.wanted(row.lane)) return;
      const bucket = ctx.bucket(row.at);
      if (bucket === OUTSIDE) return;
      counts.bump(bucket, laneOf(row), (c) => {
        c.routed++;
        if (row.data.accepted) c.accepted++;
      });
    },
    figure: (bucket, lane) => share(counts.of(bucket, lane).accepted, counts.of(bucket, lane).routed),
  };
}
