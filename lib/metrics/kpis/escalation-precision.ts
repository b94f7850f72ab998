import type { AuditRow } from '@/lib/schemas/audit';
import { share, type Share } from './figures';
import { laneOf, OUTSIDE, perLane, type KpiContext, type KpiReducer } from './kpi-context';

export type EscalationPrecision = Share & { flagged: number; undecided: number };
/** What the humans' actions say about a flagged thread; confirmation wins over an earlier false alarm. */
type Verdict = 'undecided' | 'confirmed' | 'false-alarm';
interface Flag {
  lane: string;
  bucket: number;
  verdict: Verdict;
}

/**
 * Threads flagged for a human (low confidence, or no SOP covered them) that a human confirmed, over flagged threads
 * with evidence either way; sampled by when first flagged.
 */
export function escalationPrecision(ctx: KpiContext): KpiReducer<EscalationPrecision> {
  const flags = new Map<string, Flag>();
  const abstained = new Set<string>();
  const counts = perLane(() => ({ confirmed: 0, falseAlarm: 0, undecided: 0, flagged: 0 }), ctx);
  const flag = (subject: string, lane: string, at: number) => {
    if (!flags.has(subject)) flags.set(subject, { lane, bucket: ctx.bucket(at), verdict: 'undecided' });
  };
  return {
    add(row: AuditRow) {
      if (row.subject === null) return;
      const flagged = flags.get(row.subject);
      switch (row.kind) {
        case 'triage.classified':
          if (row.data.needsHumanTriage) flag(row.subject, laneOf(row), row.at);
          return;
        case 'draft.generated':
          if (row.data.abstained !== true) return;
          abstained.add(row.data.draftId);
          flag(row.subject, laneOf(row), row.at);
          return;
        case 'draft.sent':
          // Sending the holding reply of an abstained draft confirms the flag; sending an answer says it was not needed.
          if (flagged && flagged.verdict !== 'confirmed') flagged.verdict = abstained.has(row.data.draftId) ? 'confirmed' : 'false-alarm';
          return;
        case 'draft.rejected':
          if (flagged && (row.data.reason === 'wrong_category' || row.data.reason === 'wrong_policy')) flagged.verdict = 'confirmed';
          return;
        case 'triage.corrected':
          if (flagged && (row.data.field === 'category' || row.data.field === 'owner')) flagged.verdict = 'confirmed';
          return;
        default:
          return;
      }
    },
    settle() {
      for (const f of flags.values()) {
        if (f.bucket === OUTSIDE || !ctx.wanted(f.lane)) continue;
        counts.bump(f.bucket, f.lane, (c) => {
          c.flagged++;
          if (f.verdict === 'confirmed') c.confirmed++;
          else if (f.verdict === 'false-alarm') c.falseAlarm++;
          else c.undecided++;
        });
      }
    },
    figure(bucket, lane) {
      const c = counts.of(bucket, lane);
      return { ...share(c.confirmed, c.confirmed + c.falseAlarm), flagged: c.flagged, undecided: c.undecided };
    },
  };
}
