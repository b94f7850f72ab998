import { TriageDatabase } from '@/lib/db/database';
import { markSeen } from '@/lib/db/threads';
import { recentAudit } from '@/lib/db/audit';
import { ok } from '@/lib/schemas/errors';
import { setUpMessaging } from './messaging';

export default defineBackground(() => {
  const db = new TriageDatabase();
  setUpMessaging({
    'thread.seen': async ({ id, subject }) => ok(await markSeen(db, id, subject)),
    'audit.recent': async ({ limit }) =>
      ok((await recentAudit(db, limit)).map((r) => ({ ...r, data: r.data }))),
  });
});
