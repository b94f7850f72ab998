import { describe, expect, it } from 'vitest';
import { TriageDatabase } from '@/lib/db/database';
import { markSeen } from '@/lib/db/threads';
import { recordRouting, routingOf } from '@/lib/gmail-lane/background/routing';
import { defaultLanes } from '@/lib/lanes/default-lanes';

describe('routing as a decision', () => {
  it('records who routed a thread where and when, audits whether it was the suggestion, and keeps it for the next opening', async () => {
    const db = new TriageDatabase(`routing-${Math.random()}`);
    await markSeen(db, 'gmail:t1', 'Refund');
    const accepted = await recordRouting(db, defaultLanes, { subjectId: 'gmail:t1', lane: 'support-replies', owner: 'Billing team', suggested: 'Billing team', by: 'Dana Reyes' }, 1_000);
    expect(accepted).toEqual({ ok: true, value: { owner: 'Billing team', suggested: 'Billing team', by: 'Dana Reyes', at: 1_000 } });
    const changed = await recordRouting(db, defaultLanes, { subjectId: 'gmail:t1', lane: 'support-replies', owner: 'Support lead', suggested: 'Billing team', by: 'Dana Reyes' }, 2_000);
    expect(changed.ok).toBe(true);
    expect(await routingOf(db, 'gmail:t1')).toEqual({ owner: 'Support lead', suggested: 'Billing team', by: 'Dana Reyes', at: 2_000 });
    const audit = (await db.audit.toArray()).filter((a) => a.kind === 'triage.routed');
    expect(audit.map((a) => a.data)).toEqual([
      { owner: 'Billing team', suggested: 'Billing team', accepted: true, by: 'Dana Reyes' },
      { owner: 'Support lead', suggested: 'Billing team', accepted: false, by: 'Dana Reyes' },
    ]);
    db.close();
  });

  it('routes only to owners and queues the lanes name, and only threads the panel triaged', async () => {
    const db = new TriageDatabase(`routing-${Math.random()}`);
    await markSeen(db, 'gmail:t1', 'Refund');
    const unknown = await recordRouting(db, defaultLanes, { subjectId: 'gmail:t1', lane: null, owner: 'attacker@evil.example', suggested: 'Billing team', by: null });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('routing_unknown_owner');
    const unseen = await recordRouting(db, defaultLanes, { subjectId: 'gmail:other', lane: null, owner: 'Billing team', suggested: 'Billing team', by: null });
    expect(unseen.ok).toBe(false);
    expect(await db.audit.where('kind').equals('triage.routed').count()).toBe(0);
    db.close();
  });
});
