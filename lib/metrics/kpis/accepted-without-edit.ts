import type { AuditRow } from '@/lib/schemas/audit';
import { ACCEPTED_EDIT_RATIO } from '../kpi-definitions';
import { share, type Share } from './figures';
import { laneOf, perLane, type KpiContext, type KpiReducer } from './kpi-context';

/** Sent drafts changed by at most ACCEPTED_EDIT_RATIO from the generated text. Sampled when sent. */
export function acceptedWithoutEdit(ctx: KpiContext): KpiReducer<Share> {
  const counts = perLane(() => ({ sent: 0, accepted: 0 }), ctx);
  return {
    add(row: AuditRow) {
      if (row.kind !== 'draft.sent' || !ctx.inRange(row.at) || !ctx.wanted(row.lane)) return;
      const accepted = row.data.editRatioFromGenerated <= ACCEPTED_EDIT_RATIO;
      counts.bump(laneOf(row), (c) => {
        c.sent++;
        if (accepted) c.accepted++;
      });
    },
    figure: (lane) => share(counts.of(lane).accepted, counts.of(lane).sent),
  };
}
