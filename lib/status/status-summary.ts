import { RESOLVED_TASK_STATUSES, type TaskRow } from '@/lib/schemas/hubspot';
import type { TriageDatabase } from '@/lib/db/database';
import { RESOLVED_DRAFT_STATUSES, type DraftStatus } from '@/lib/schemas/draft-record';
import { RESOLVED_PROPOSAL_STATUSES, type ProposalStatus } from '@/lib/schemas/proposal';
import type { EngineChoice, PublicSettings } from '@/lib/schemas/settings';
import type { LibraryStatus, PendingCounts, StatusSummary } from '@/lib/schemas/status';
import { loadClaudeSettings, maskKey } from '@/lib/settings/claude-settings-store';
import { loadManagedStatus } from '@/lib/sop/managed';

/** Current SOPs, the passages retrieval searches, and the newest change to any SOP row. */
export async function libraryStatus(db: TriageDatabase): Promise<LibraryStatus> {
  const [sops, passages, newest] = await Promise.all([
    db.sops.where('status').equals('active').count(),
    db.passages.where('active').equals(1).count(),
    db.sops.orderBy('updatedAt').last(),
  ]);
  return { sops, passages, updatedAt: newest?.updatedAt ?? null };
}

/** Drafts not sent, discarded or rejected; proposals (field updates and follow-up tasks) not written, created or rejected; handoffs still waiting. */
export async function pendingCounts(db: TriageDatabase): Promise<PendingCounts> {
  const rows = await db.pending.toCollection().toArray();
  const counts: PendingCounts = { drafts: 0, proposals: 0, handoffs: 0 };
  for (const row of rows) {
    if (row.kind === 'draft' && !RESOLVED_DRAFT_STATUSES.includes(row.status as DraftStatus)) counts.drafts++;
    else if (row.kind === 'proposal' && !RESOLVED_PROPOSAL_STATUSES.includes(row.status as ProposalStatus)) counts.proposals++;
    else if (row.kind === 'task' && !RESOLVED_TASK_STATUSES.includes(row.status as TaskRow['status'])) counts.proposals++;
    else if (row.kind === 'handoff' && row.status === 'waiting') counts.handoffs++;
  }
  return counts;
}

export interface SummaryInput {
  settings: PublicSettings;
  engine: EngineChoice;
  /** Which of our sites the active tab is on (null for any other page). */
  site: 'gmail' | 'hubspot' | null;
}

/** Everything the toolbar popup shows, read in one go. The key itself never leaves: only whether it is set and its last four. */
export async function statusSummary(db: TriageDatabase, { settings, engine, site }: SummaryInput): Promise<StatusSummary> {
  const [claude, library, managed, pending] = await Promise.all([loadClaudeSettings(db), libraryStatus(db), loadManagedStatus(db), pendingCounts(db)]);
  return {
    site,
    panelOn: site ? settings.panelEnabled[site] : null,
    engine,
    claudeKey: engine === 'claude' ? { set: claude.apiKey !== '', hint: maskKey(claude.apiKey) } : null,
    library,
    managed,
    pending,
  };
}
