import type { AuditRow } from '@/lib/schemas/audit';
import { spread, type Spread } from './figures';
import { laneOf, perLane, type KpiContext, type KpiReducer } from './kpi-context';

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
      if (first && thread && ctx.inRange(row.at) && ctx.wanted(row.lane)) samples.bump(laneOf(row), (s) => s.push(row.at - thread.firstSeen));
      else if (ctx.inRange(row.at) && ctx.wanted(row.lane)) ctx.touch(laneOf(row));
    },
    figure: (lane) => spread(samples.of(lane)),
  };
}
