import type { AuditRow } from '@/lib/schemas/audit';
import { ACCEPTED_EDIT_RATIO } from '../kpi-definitions';
import { share, type Share } from './figures';
import { laneOf, OUTSIDE, perLane, type KpiContext, type KpiReducer } from './kpi-context';

/** Sent drafts changed by at most ACCEPTED_EDIT_RATIO from the generated text. Sampled when sent. */
export function acceptedWithoutEdit(ctx: KpiContext): KpiReducer<Share> {
  const counts = perLane(() => ({ sent: 0, accepted: 0 }), ctx);
  return {
    add(row: AuditRow) {
      if (row.kind !== 'draft.sent' || !ctx.wanted(row.lane)) return;
      const bucket = ctx.bucket(row.at);
      if (bucket === OUTSIDE) return;
      const accepted = row.data.editRatioFromGenerated <= ACCEPTED_EDIT_RATIO;
      counts.bump(bucket, laneOf(row), (c) => {
        c.sent++;
        if (accepted) c.accepted++;
      });
    },
    figure: (bucket, lane) => share(counts.of(bucket, lane).accepted, counts.of(bucket, lane).sent),
  };
}
