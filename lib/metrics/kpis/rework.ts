import type { AuditRow } from '@/lib/schemas/audit';
import { REWORK_EDIT_RATIO } from '../kpi-definitions';
import { share, type Share } from './figures';
import { laneOf, OUTSIDE, perLane, type KpiContext, type KpiReducer } from './kpi-context';

export type Rework = Share & { rejected: number; discarded: number; replaced: number; heavilyEdited: number; open: number };
type Outcome = 'open' | 'sent' | 'sent-heavily-edited' | 'rejected' | 'discarded' | 'replaced';
interface Draft {
  lane: string;
  /** The range it was generated in. */
  bucket: number;
  outcome: Outcome;
}

/** Drafts with an outcome that were reworked (rejected, discarded, replaced or heavily edited); sampled by when generated. */
export function rework(ctx: KpiContext): KpiReducer<Rework> {
  const drafts = new Map<string, Draft>();
  const lastDraft = new Map<string, Draft>();
  const counts = perLane(() => ({ n: 0, hits: 0, rejected: 0, discarded: 0, replaced: 0, heavilyEdited: 0, open: 0 }), ctx);
  return {
    add(row: AuditRow) {
      switch (row.kind) {
        case 'draft.generated': {
          if (row.data.failed !== undefined || drafts.has(row.data.draftId)) return;
          const draft: Draft = { lane: laneOf(row), bucket: ctx.bucket(row.at), outcome: 'open' };
          drafts.set(row.data.draftId, draft);
          if (row.subject === null) return;
          // A newer draft for the same thread replaces one nobody sent or rejected.
          const previous = lastDraft.get(row.subject);
          if (previous && (previous.outcome === 'open' || previous.outcome === 'discarded')) previous.outcome = 'replaced';
          lastDraft.set(row.subject, draft);
          return;
        }
        case 'draft.sent': {
          const draft = drafts.get(row.data.draftId);
          if (draft) draft.outcome = row.data.editRatioFromGenerated > REWORK_EDIT_RATIO ? 'sent-heavily-edited' : 'sent';
          return;
        }
        case 'draft.rejected': {
          const draft = drafts.get(row.data.draftId);
          if (draft) draft.outcome = 'rejected';
          return;
        }
        case 'draft.discarded': {
          const draft = drafts.get(row.data.draftId);
          if (draft?.outcome === 'open') draft.outcome = 'discarded';
          return;
        }
        default:
          return;
      }
    },
    settle() {
      // Outcomes are known only once every row is read.
      for (const draft of drafts.values()) {
        if (draft.bucket === OUTSIDE || !ctx.wanted(draft.lane)) continue;
        counts.bump(draft.bucket, draft.lane, (c) => {
          if (draft.outcome === 'open') return void c.open++;
          c.n++;
          if (draft.outcome === 'sent') return;
          c.hits++;
          if (draft.outcome === 'rejected') c.rejected++;
          else if (draft.outcome === 'discarded') c.discarded++;
          else if (draft.outcome === 'replaced') c.replaced++;
          else c.heavilyEdited++;
        });
      }
    },
    figure(bucket, lane) {
      const c = counts.of(bucket, lane);
      return { ...c, ...share(c.hits, c.n) };
    },
  };
}
