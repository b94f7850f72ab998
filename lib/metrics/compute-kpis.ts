import type { AuditRow, FeedbackRow } from '@/lib/db/database';
import { ACCEPTED_EDIT_RATIO, FRESH_WITHIN_MS, REWORK_EDIT_RATIO } from './kpi-definitions';
import { nearestRank } from './percentile';

/**
 * The lane KPIs, computed in one pass over the audit log (plus the feedback rows for corrections).
 * Every figure carries its sample size; the definitions the code follows are in kpi-definitions.ts.
 *
 * Rows must be in append order (by seq, as the audit table returns them): a draft's outcome and a
 * thread's first sighting are read from what came before. All rows are read whatever the range, because
 * a reply sent in the range may answer a thread first seen before it; the range decides which samples count,
 * each by the time of the event that defines it (see each figure), and a sample's outcome is whatever the log
 * holds for it, even if it came after the range.
 */

export interface KpiQuery {
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
  /** Only this lane; all lanes when absent. */
  lane?: string;
}

/** A share: hits out of n, value null when n is 0. */
export interface Share {
  n: number;
  hits: number;
  value: number | null;
}

/** A duration sample in ms: median and 90th percentile by nearest rank, null when n is 0. */
export interface Spread {
  n: number;
  median: number | null;
  p90: number | null;
}

export interface LaneKpis {
  /** The lane id; '*' for all lanes together. */
  lane: string;
  /** Thread first seen → first reply sent from a draft. Sampled when the reply is sent. */
  firstResponse: Spread;
  /** Sent drafts changed by at most ACCEPTED_EDIT_RATIO from the generated text. Sampled when sent. */
  acceptedWithoutEdit: Share;
  /** Drafts with an outcome that were reworked; sampled by when the draft was generated. */
  rework: Share & { rejected: number; discarded: number; replaced: number; heavilyEdited: number; open: number };
  /** Flagged threads a human confirmed, over flagged threads with evidence either way; sampled by the first flag. */
  escalationPrecision: Share & { flagged: number; undecided: number };
  /** HubSpot proposals; sampled by when proposed, conflicts and writes by when they happened. */
  fieldFreshness: { toWrite: Spread; resolvedWithin24h: Share; written: number; rejected: number; open: number; conflicts: number; writes: number };
  /** From the feedback log by field, and category corrections the local engine learnt (audit). */
  corrections: { total: number; byField: Record<string, number>; rejectionReasons: Record<string, number>; learnt: number };
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

/** The lane of rows about no lane, such as corrections of a thread never classified. */
export const NO_LANE = '';

interface LaneAcc {
  firstResponse: number[];
  sent: number;
  accepted: number;
  rework: { n: number; hits: number; rejected: number; discarded: number; replaced: number; heavilyEdited: number; open: number };
  escalation: { confirmed: number; falseAlarm: number; undecided: number; flagged: number };
  fresh: { ages: number[]; judged: number; within: number; written: number; rejected: number; open: number; conflicts: number; writes: number };
  corrections: { total: number; byField: Record<string, number>; rejectionReasons: Record<string, number>; learnt: number };
}

const newAcc = (): LaneAcc => ({
  firstResponse: [],
  sent: 0,
  accepted: 0,
  rework: { n: 0, hits: 0, rejected: 0, discarded: 0, replaced: 0, heavilyEdited: 0, open: 0 },
  escalation: { confirmed: 0, falseAlarm: 0, undecided: 0, flagged: 0 },
  fresh: { ages: [], judged: 0, within: 0, written: 0, rejected: 0, open: 0, conflicts: 0, writes: 0 },
  corrections: { total: 0, byField: {}, rejectionReasons: {}, learnt: 0 },
});

type DraftOutcome = 'open' | 'sent' | 'sent-heavily-edited' | 'rejected' | 'discarded' | 'replaced';

interface DraftState {
  id: string;
  lane: string;
  generatedInRange: boolean;
  abstained: boolean;
  outcome: DraftOutcome;
}

/** What the humans' actions say about a flagged thread; confirmation wins over an earlier false alarm. */
type Verdict = 'undecided' | 'confirmed' | 'false-alarm';

interface ThreadState {
  firstSeen: number;
  responded: boolean;
  /** The lane it was last classified into. */
  lane: string | null;
  lastDraft: DraftState | null;
  flagged: boolean;
  flagLane: string;
  flagInRange: boolean;
  verdict: Verdict;
}

interface ProposalState {
  lane: string;
  at: number;
  inRange: boolean;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function computeKpis(rows: readonly AuditRow[], feedback: readonly FeedbackRow[], query: KpiQuery): KpiReport {
  const { from, to, lane: only } = query;
  const inRange = (at: number) => at >= from && at < to;
  const wanted = (lane: string | null) => only === undefined || lane === only;
  const accs = new Map<string, LaneAcc>();
  const acc = (lane: string): LaneAcc => {
    let a = accs.get(lane);
    if (!a) accs.set(lane, (a = newAcc()));
    return a;
  };
  const threads = new Map<string, ThreadState>();
  const drafts = new Map<string, DraftState>();
  const proposals = new Map<string, ProposalState>();

  const flag = (t: ThreadState, lane: string, at: number) => {
    if (t.flagged) return;
    t.flagged = true;
    t.flagLane = lane;
    t.flagInRange = inRange(at);
  };

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const { at, kind, data } = row;
    let thread: ThreadState | undefined;
    if (row.subject !== null) {
      thread = threads.get(row.subject);
      if (!thread) {
        // The first event about a thread is its 'thread.seen' row: that is when the panel first saw it.
        thread = { firstSeen: at, responded: false, lane: null, lastDraft: null, flagged: false, flagLane: NO_LANE, flagInRange: false, verdict: 'undecided' };
        threads.set(row.subject, thread);
      }
    }
    const lane = row.lane ?? NO_LANE;

    switch (kind) {
      case 'triage.classified':
        if (thread) {
          thread.lane = row.lane;
          if (data.needsHumanTriage === true) flag(thread, lane, at);
        }
        break;

      case 'draft.generated': {
        const id = str(data.draftId);
        if (!id || data.failed !== undefined || drafts.has(id)) break;
        const draft: DraftState = { id, lane, generatedInRange: inRange(at), abstained: data.abstained === true, outcome: 'open' };
        drafts.set(id, draft);
        if (thread) {
          // A newer draft for the same thread replaces one nobody sent or rejected.
          const previous = thread.lastDraft;
          if (previous && (previous.outcome === 'open' || previous.outcome === 'discarded')) previous.outcome = 'replaced';
          thread.lastDraft = draft;
          if (draft.abstained) flag(thread, lane, at);
        }
        break;
      }

      case 'draft.sent': {
        const draft = drafts.get(str(data.draftId) ?? '');
        const ratio = num(data.editRatioFromGenerated) ?? num(data.editRatio) ?? 0;
        if (draft) draft.outcome = ratio > REWORK_EDIT_RATIO ? 'sent-heavily-edited' : 'sent';
        if (thread?.flagged && thread.verdict !== 'confirmed') thread.verdict = draft?.abstained ? 'confirmed' : 'false-alarm';
        if (!inRange(at) || !wanted(row.lane)) {
          if (thread) thread.responded = true;
          break;
        }
        const a = acc(lane);
        a.sent++;
        if (ratio <= ACCEPTED_EDIT_RATIO) a.accepted++;
        if (thread && !thread.responded) a.firstResponse.push(at - thread.firstSeen);
        if (thread) thread.responded = true;
        break;
      }

      case 'draft.rejected': {
        const draft = drafts.get(str(data.draftId) ?? '');
        if (draft) draft.outcome = 'rejected';
        if (thread?.flagged && (data.reason === 'wrong_category' || data.reason === 'wrong_policy')) thread.verdict = 'confirmed';
        break;
      }

      case 'draft.discarded': {
        const draft = drafts.get(str(data.draftId) ?? '');
        if (draft && draft.outcome === 'open') draft.outcome = 'discarded';
        break;
      }

      case 'triage.corrected': {
        if (thread?.flagged && (data.field === 'category' || data.field === 'owner')) thread.verdict = 'confirmed';
        const correctedLane = thread?.lane ?? NO_LANE;
        if (data.learnt === true && inRange(at) && wanted(correctedLane)) acc(correctedLane).corrections.learnt++;
        break;
      }

      case 'proposal.created': {
        const key = `${row.subject ?? ''}\u0000${str(data.property) ?? ''}`;
        // Only one unresolved proposal per property exists, so one already here was resolved without a record
        // of when (rejections were not audited before 'proposal.rejected'): it is left out rather than guessed.
        proposals.set(key, { lane, at, inRange: inRange(at) });
        break;
      }

      case 'field.written':
      case 'proposal.rejected': {
        const key = `${row.subject ?? ''}\u0000${str(data.property) ?? ''}`;
        const written = kind === 'field.written';
        if (written && inRange(at) && wanted(row.lane)) acc(lane).fresh.writes++;
        const p = proposals.get(key);
        if (!p) break;
        proposals.delete(key);
        if (!p.inRange || !wanted(p.lane)) break;
        const f = acc(p.lane).fresh;
        const age = at - p.at;
        f.judged++;
        if (age <= FRESH_WITHIN_MS) f.within++;
        if (written) {
          f.written++;
          f.ages.push(age);
        } else f.rejected++;
        break;
      }

      case 'field.conflict':
        if (inRange(at) && wanted(row.lane)) acc(lane).fresh.conflicts++;
        break;

      default:
        break;
    }
  }

  // Outcomes are known only once every row is read.
  for (const draft of drafts.values()) {
    if (!draft.generatedInRange || !wanted(draft.lane)) continue;
    const r = acc(draft.lane).rework;
    if (draft.outcome === 'open') {
      r.open++;
      continue;
    }
    r.n++;
    if (draft.outcome === 'sent') continue;
    r.hits++;
    if (draft.outcome === 'rejected') r.rejected++;
    else if (draft.outcome === 'discarded') r.discarded++;
    else if (draft.outcome === 'replaced') r.replaced++;
    else r.heavilyEdited++;
  }
  for (const thread of threads.values()) {
    if (!thread.flagged || !thread.flagInRange || !wanted(thread.flagLane)) continue;
    const e = acc(thread.flagLane).escalation;
    e.flagged++;
    if (thread.verdict === 'confirmed') e.confirmed++;
    else if (thread.verdict === 'false-alarm') e.falseAlarm++;
    else e.undecided++;
  }
  for (const p of proposals.values()) {
    if (!p.inRange || !wanted(p.lane)) continue;
    acc(p.lane).fresh.open++;
    // Too young to judge: it may yet be resolved within the day.
    if (p.at + FRESH_WITHIN_MS < to) acc(p.lane).fresh.judged++;
  }

  for (const f of feedback) {
    if (!inRange(f.at)) continue;
    const lane = threads.get(f.subject)?.lane ?? NO_LANE;
    if (!wanted(lane)) continue;
    const c = acc(lane).corrections;
    if (f.field === 'draft') c.rejectionReasons[f.to] = (c.rejectionReasons[f.to] ?? 0) + 1;
    else {
      c.total++;
      c.byField[f.field] = (c.byField[f.field] ?? 0) + 1;
    }
  }

  const lanes = [...accs].map(([id, a]) => finish(id, a));
  return { from, to, events: rows.length, overall: finish('*', mergeAll([...accs.values()])), lanes };
}

const share = (hits: number, n: number): Share => ({ n, hits, value: n === 0 ? null : hits / n });
const spread = (samples: number[]): Spread => ({ n: samples.length, median: nearestRank(samples, 0.5), p90: nearestRank(samples, 0.9) });

function finish(lane: string, a: LaneAcc): LaneKpis {
  const { escalation: e, fresh: f } = a;
  return {
    lane,
    firstResponse: spread(a.firstResponse),
    acceptedWithoutEdit: share(a.accepted, a.sent),
    rework: { ...a.rework, ...share(a.rework.hits, a.rework.n) },
    escalationPrecision: { ...share(e.confirmed, e.confirmed + e.falseAlarm), flagged: e.flagged, undecided: e.undecided },
    fieldFreshness: {
      toWrite: spread(f.ages),
      resolvedWithin24h: share(f.within, f.judged),
      written: f.written,
      rejected: f.rejected,
      open: f.open,
      conflicts: f.conflicts,
      writes: f.writes,
    },
    corrections: a.corrections,
  };
}

const addCounts = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};

function mergeAll(all: LaneAcc[]): LaneAcc {
  const m = newAcc();
  for (const a of all) {
    for (const ms of a.firstResponse) m.firstResponse.push(ms);
    m.sent += a.sent;
    m.accepted += a.accepted;
    for (const k of ['n', 'hits', 'rejected', 'discarded', 'replaced', 'heavilyEdited', 'open'] as const) m.rework[k] += a.rework[k];
    for (const k of ['confirmed', 'falseAlarm', 'undecided', 'flagged'] as const) m.escalation[k] += a.escalation[k];
    for (const ms of a.fresh.ages) m.fresh.ages.push(ms);
    for (const k of ['judged', 'within', 'written', 'rejected', 'open', 'conflicts', 'writes'] as const) m.fresh[k] += a.fresh[k];
    m.corrections.total += a.corrections.total;
    m.corrections.learnt += a.corrections.learnt;
    addCounts(m.corrections.byField, a.corrections.byField);
    addCounts(m.corrections.rejectionReasons, a.corrections.rejectionReasons);
  }
  return m;
}
