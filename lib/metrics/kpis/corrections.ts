import type { FeedbackRow } from '@/lib/db/database';
import type { AuditRow } from '@/lib/schemas/audit';
import { NO_LANE, OUTSIDE, perLane, type KpiContext, type KpiReducer } from './kpi-context';

export interface Corrections {
  total: number;
  byField: Record<string, number>;
  rejectionReasons: Record<string, number>;
  learnt: number;
}

const count = (into: Record<string, number>, key: string) => void (into[key] = (into[key] ?? 0) + 1);

/** From the feedback log by field (draft rejections by reason), and category corrections the local engine learnt (audit). */
export function corrections(ctx: KpiContext, feedback: readonly FeedbackRow[]): KpiReducer<Corrections> {
  const counts = perLane<Corrections>(() => ({ total: 0, byField: {}, rejectionReasons: {}, learnt: 0 }), ctx);
  return {
    add(row: AuditRow) {
      if (row.kind !== 'triage.corrected' || !row.data.learnt) return;
      const bucket = ctx.bucket(row.at);
      if (bucket === OUTSIDE) return;
      const lane = (row.subject !== null ? ctx.thread(row.subject)?.lane : null) ?? NO_LANE;
      if (ctx.wanted(lane)) counts.bump(bucket, lane, (c) => void c.learnt++);
    },
    settle() {
      for (const f of feedback) {
        const bucket = ctx.bucket(f.at);
        if (bucket === OUTSIDE) continue;
        const lane = ctx.thread(f.subject)?.lane ?? NO_LANE;
        if (!ctx.wanted(lane)) continue;
        counts.bump(bucket, lane, (c) => {
          if (f.field === 'draft') count(c.rejectionReasons, f.to);
          else {
            c.total++;
            count(c.byField, f.field);
          }
        });
      }
    },
    figure: (bucket, lane) => counts.of(bucket, lane),
  };
}
