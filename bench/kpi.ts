// KPI dashboard figures: computeKpis over 100,000 audit events shaped like a team's months of work
// (Gmail threads through triage, drafts, edits and sends; HubSpot proposals, writes and conflicts).
import type { FeedbackRow } from '@/lib/db/database';
import type { AuditRow } from '@/lib/schemas/audit';
import { computeKpis } from '@/lib/metrics/compute-kpis';
import { seededRandom } from '@/lib/common/seeded-random';
import { percentiles, round, type Figure } from './figures';

const GMAIL_LANES = ['shared-inbox-triage', 'support-replies', 'lead-routing', 'rfq-response', 'meeting-followup', 'intake-onboarding'];
const HUBSPOT_LANES = ['crm-discipline', 'lead-routing', 'rfq-response'];
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const HASH = 'a'.repeat(64);

/** About `count` audit events over 90 days, in append order, and the feedback rows the corrections left. */
export function auditLog(count: number, seed = 7): { rows: AuditRow[]; feedback: FeedbackRow[] } {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const rows: AuditRow[] = [];
  const feedback: FeedbackRow[] = [];
  const start = Date.UTC(2026, 0, 1);
  let draftSeq = 0;
  for (let n = 0; rows.length < count; n++) {
    let at = start + rand() * 90 * DAY;
    const step = (maxMinutes: number) => (at += 1000 + rand() * maxMinutes * MIN);
    if (rand() < 0.75) {
      const subject = `gmail:${n.toString(16)}`;
      const lane = pick(GMAIL_LANES);
      const flagged = rand() < 0.15;
      rows.push({ at, kind: 'thread.seen', subject, lane: null, data: {} });
      rows.push({ at: step(1), kind: 'triage.classified', subject, lane, data: { engine: 'local', category: 'refund_request', confidence: 0.8, needsHumanTriage: flagged, grounded: true } });
      if (flagged && rand() < 0.6) {
        rows.push({ at: step(5), kind: 'triage.corrected', subject, lane: null, data: { field: pick(['category', 'owner', 'urgency'] as const), from: 'a', to: 'b', learnt: rand() < 0.9 } });
        feedback.push({ at, subject, field: 'category', from: 'billing_dispute', to: 'refund_request', text: '' });
      }
      const drafts = rand() < 0.2 ? 2 : 1;
      for (let d = 0; d < drafts; d++) {
        const draftId = `d${draftSeq++}`;
        rows.push({ at: step(2), kind: 'engine.usage', subject, lane: null, data: { call: 'draft', model: 'claude-sonnet-4-6', input: 1200, cacheRead: 0, cacheWrite: 0, output: 300, costUsd: 0.0081 } });
        rows.push({ at: step(1), kind: 'draft.generated', subject, lane, data: { draftId, engine: 'local', sentences: 6, abstained: rand() < 0.08, grounded: true } });
        if (d < drafts - 1) continue;
        const outcome = rand();
        if (outcome < 0.1) {
          rows.push({ at: step(30), kind: 'draft.rejected', subject, lane, data: { draftId, reason: pick(['wrong_category', 'wrong_policy', 'tone', 'other'] as const), hasNote: false } });
          feedback.push({ at, subject, field: 'draft', from: 'refund_request', to: 'tone', text: '' });
        } else if (outcome < 0.9) {
          const ratio = rand() < 0.5 ? 0 : round(rand() * 0.6, 3);
          if (ratio > 0) rows.push({ at: step(20), kind: 'draft.edited', subject, lane, data: { draftId, editRatio: ratio } });
          rows.push({ at: step(60), kind: 'draft.approved', subject, lane, data: { draftId, hash: HASH, mode: 'reply', edited: ratio > 0, acknowledged: [], unsupportedAcknowledged: false } });
          rows.push({ at: step(1), kind: 'draft.inserted', subject, lane, data: { draftId, hash: HASH } });
          if (rand() < 0.95) rows.push({ at: step(240), kind: 'draft.sent', subject, lane, data: { draftId, hash: HASH, editRatio: 0, editRatioFromGenerated: ratio, acceptedWithoutEdit: true } });
          else rows.push({ at: step(30), kind: 'draft.discarded', subject, lane, data: { draftId, wasInserted: true } });
        }
      }
    } else {
      const subject = `hubspot:1/0-1/${n}`;
      const lane = pick(HUBSPOT_LANES);
      rows.push({ at, kind: 'thread.seen', subject, lane: null, data: {} });
      for (const property of ['lifecyclestage', 'jobtitle', 'phone', 'hs_lead_status'].slice(0, 1 + Math.floor(rand() * 4))) {
        rows.push({ at: step(1), kind: 'proposal.created', subject, lane, data: { property, source: 'note', confidence: 0.8 } });
        const then = at + rand() * 3 * DAY;
        const outcome = rand();
        if (outcome < 0.6) {
          if (rand() < 0.05) rows.push({ at: then, kind: 'field.conflict', subject, lane, data: { property, approvalHash: HASH, path: 'session', theirs: 'Buyer', ours: 'Head of Procurement', base: null } });
          rows.push({ at: then, kind: 'field.approved', subject, lane, data: { property, approvalHash: HASH, edited: false, basedOnValue: null, value: 'Head of Procurement' } });
          rows.push({ at: then + 2000, kind: 'field.written', subject, lane, data: { property, approvalHash: HASH, path: 'session', before: null, after: 'Head of Procurement' } });
        } else if (outcome < 0.8) rows.push({ at: then, kind: 'proposal.rejected', subject, lane, data: { property } });
      }
    }
  }
  // Append order is time order: the log is written as things happen.
  rows.length = count;
  rows.sort((a, b) => a.at - b.at);
  feedback.sort((a, b) => a.at - b.at);
  return { rows, feedback };
}

export function kpiFigures(): Figure[] {
  const { rows, feedback } = auditLog(100_000);
  const query = { from: rows[0]!.at, to: rows.at(-1)!.at + 1 };
  for (let i = 0; i < 5; i++) computeKpis(rows, feedback, query);
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    const report = computeKpis(rows, feedback, query);
    samples.push(performance.now() - t);
    if (report.overall.rework.n === 0) throw new Error('the generated log produced no drafts');
  }
  const { p50, p95 } = percentiles(samples);
  const unit = `ms, computeKpis over 100,000 audit events (${feedback.length} feedback rows), all lanes, 30 runs after 5 warm-up, node`;
  return [
    { name: 'kpi_compute_ms_p50_100k', value: round(p50), unit },
    { name: 'kpi_compute_ms_p95_100k', value: round(p95), unit, target: '< 200' },
  ];
}
