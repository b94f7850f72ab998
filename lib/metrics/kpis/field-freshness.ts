import type { AuditRow } from '@/lib/schemas/audit';
import { FRESH_WITHIN_MS } from '../kpi-definitions';
import { share, spread, type Share, type Spread } from './figures';
import { laneOf, OUTSIDE, perLane, type KpiContext, type KpiReducer } from './kpi-context';

export interface FieldFreshness {
  toWrite: Spread;
  resolvedWithin24h: Share;
  written: number;
  rejected: number;
  open: number;
  conflicts: number;
  writes: number;
}
interface Proposed {
  lane: string;
  at: number;
  bucket: number;
}

/** HubSpot proposals: time to write and share resolved within a day, sampled by when proposed; conflicts and writes by when they happened. */
export function fieldFreshness(ctx: KpiContext): KpiReducer<FieldFreshness> {
  const proposals = new Map<string, Proposed>();
  const counts = perLane(() => ({ ages: [] as number[], judged: 0, within: 0, written: 0, rejected: 0, open: 0, conflicts: 0, writes: 0 }), ctx);
  const key = (row: AuditRow, property: string) => `${row.subject ?? ''}\u0000${property}`;
  return {
    add(row: AuditRow) {
      switch (row.kind) {
        case 'proposal.created':
          // Only one unresolved proposal per property exists, so one already here was resolved without a record
          // of when (rejections were not audited before 'proposal.rejected'): it is left out rather than guessed.
          proposals.set(key(row, row.data.property), { lane: laneOf(row), at: row.at, bucket: ctx.bucket(row.at) });
          return;
        case 'field.written':
        case 'proposal.rejected': {
          const written = row.kind === 'field.written';
          const at = ctx.bucket(row.at);
          if (written && at !== OUTSIDE && ctx.wanted(row.lane)) counts.bump(at, laneOf(row), (c) => void c.writes++);
          const k = key(row, row.data.property);
          const p = proposals.get(k);
          if (!p) return;
          proposals.delete(k);
          if (p.bucket === OUTSIDE || !ctx.wanted(p.lane)) return;
          const age = row.at - p.at;
          counts.bump(p.bucket, p.lane, (c) => {
            c.judged++;
            if (age <= FRESH_WITHIN_MS) c.within++;
            if (written) {
              c.written++;
              c.ages.push(age);
            } else c.rejected++;
          });
          return;
        }
        case 'field.conflict': {
          const at = ctx.bucket(row.at);
          if (at !== OUTSIDE && ctx.wanted(row.lane)) counts.bump(at, laneOf(row), (c) => void c.conflicts++);
          return;
        }
        default:
          return;
      }
    },
    settle() {
      for (const p of proposals.values()) {
        if (p.bucket === OUTSIDE || !ctx.wanted(p.lane)) continue;
        counts.bump(p.bucket, p.lane, (c) => {
          c.open++;
          // Too young to judge at the end of its range: it may yet be resolved within the day.
          if (p.at + FRESH_WITHIN_MS < ctx.end(p.bucket)) c.judged++;
        });
      }
    },
    figure(bucket, lane) {
      const c = counts.of(bucket, lane);
      return { toWrite: spread(c.ages), resolvedWithin24h: share(c.within, c.judged), written: c.written, rejected: c.rejected, open: c.open, conflicts: c.conflicts, writes: c.writes };
    },
  };
}
