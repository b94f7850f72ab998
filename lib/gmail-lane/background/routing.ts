import { appendAudit } from '@/lib/db/audit';
import type { TriageDatabase } from '@/lib/db/database';
import { taxonomyChoices } from '@/lib/lanes/taxonomy';
import type { Routing } from '@/lib/schemas/classification';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import type { Lane } from '@/lib/schemas/lane';

export interface RouteRequest {
  subjectId: string;
  lane: string | null;
  owner: string;
  suggested: string;
  by: string | null;
}

/**
 * A rep's routing decision: only to an owner or queue the lanes name, kept on the thread (shown when it is opened
 * again) and audited with who and whether it was the suggestion, for the KPIs. Routing again replaces it.
 */
export async function recordRouting(db: TriageDatabase, lanes: readonly Lane[], r: RouteRequest, now = Date.now()): Promise<Result<Routing>> {
  if (!taxonomyChoices(lanes).owners.includes(r.owner)) {
    return fail('routing_unknown_owner', `"${r.owner}" is not an owner or queue in your lanes.`, 'Pick one from the list, or add it to a category in the lane editor.');
  }
  const routing: Routing = { owner: r.owner, suggested: r.suggested, by: r.by, at: now };
  return db.transaction('rw', db.threads, db.audit, async () => {
    const thread = await db.threads.get(r.subjectId);
    if (!thread) return fail('routing_unknown_thread', 'This thread was not triaged yet.', 'Wait for the panel to classify it, then route it.');
    await db.threads.update(r.subjectId, { routing });
    await appendAudit(db, { kind: 'triage.routed', subject: r.subjectId, lane: r.lane, data: { owner: r.owner, suggested: r.suggested, accepted: r.owner === r.suggested, by: r.by } }, now);
    return ok(routing);
  });
}

export async function routingOf(db: TriageDatabase, subjectId: string): Promise<Routing | null> {
  return (await db.threads.get(subjectId))?.routing ?? null;
}
