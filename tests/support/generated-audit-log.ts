import type { AuditRow } from '@/lib/schemas/audit';
import { auditRow } from './audit-rows';

/** What became of one generated draft; each yields a known number of decided and reworked drafts. */
export type DraftFate = 'sent' | 'sent-light-edit' | 'rewritten' | 'rejected' | 'discarded' | 'replaced' | 'open';

/** Per fate: decided drafts and reworked ones ('replaced' is two drafts on one thread: the first replaced, the second sent). */
export const fateCounts: Record<DraftFate, { decided: number; reworked: number }> = {
  sent: { decided: 1, reworked: 0 },
  'sent-light-edit': { decided: 1, reworked: 0 },
  rewritten: { decided: 1, reworked: 1 },
  rejected: { decided: 1, reworked: 1 },
  discarded: { decided: 1, reworked: 1 },
  replaced: { decided: 2, reworked: 1 },
  open: { decided: 0, reworked: 0 },
};

const MIN = 60_000;
let threadCounter = 0;

/**
 * An audit log of one lane's Gmail threads, one thread per fate, starting at `start` and `spacing` ms apart, every
 * event of a thread within its first ten minutes: the rows the background writes for that story, in append order.
 */
export function draftLog(lane: string, fates: readonly DraftFate[], start: number, spacing = 15 * MIN): AuditRow[] {
  const rows: AuditRow[] = [];
  fates.forEach((fate, i) => {
    const t = start + i * spacing;
    const id = `${lane}-${(threadCounter++).toString(36)}`;
    const subject = `gmail:${id}`;
    const draftId = `d-${id}`;
    rows.push(auditRow(t, 'thread.seen', subject, null));
    rows.push(auditRow(t + MIN, 'triage.classified', subject, lane));
    rows.push(auditRow(t + 2 * MIN, 'draft.generated', subject, lane, { draftId }));
    const sent = (at: number, id: string, ratio: number) => rows.push(auditRow(at, 'draft.sent', subject, lane, { draftId: id, editRatio: ratio, editRatioFromGenerated: ratio, acceptedWithoutEdit: ratio === 0 }));
    if (fate === 'sent') sent(t + 5 * MIN, draftId, 0);
    else if (fate === 'sent-light-edit') sent(t + 5 * MIN, draftId, 0.1);
    else if (fate === 'rewritten') sent(t + 5 * MIN, draftId, 0.6);
    else if (fate === 'rejected') rows.push(auditRow(t + 5 * MIN, 'draft.rejected', subject, lane, { draftId, reason: 'tone' }));
    else if (fate === 'discarded') rows.push(auditRow(t + 5 * MIN, 'draft.discarded', subject, lane, { draftId }));
    else if (fate === 'replaced') {
      rows.push(auditRow(t + 4 * MIN, 'draft.generated', subject, lane, { draftId: `${draftId}-2` }));
      sent(t + 6 * MIN, `${draftId}-2`, 0);
    }
  });
  return rows;
}

/** Several logs merged into one append order, as the audit table returns them. */
export const merged = (...logs: AuditRow[][]): AuditRow[] => logs.flat().sort((a, b) => a.at - b.at);
