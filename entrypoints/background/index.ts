import '@/lib/schemas/zod-config';
import { markSeen } from '@/lib/db/threads';
import { appendAudit, recentAudit } from '@/lib/db/audit';
import { ok } from '@/lib/schemas/errors';
import { setUpMessaging } from './messaging';
import { createServices } from './services';
import { setUpTriage } from './triage';
import { setUpSop } from './sop';
import { setUpDrafts } from './drafts';
import { setUpSettings } from './settings';
import { setUpHubSpot } from './hubspot';
import { setUpCommands } from './commands';
import { setUpStatus } from './status';
import { setUpPrivacy } from './privacy';

export default defineBackground(() => {
  const services = createServices();
  const { db } = services;
  setUpCommands();
  setUpMessaging({
    'thread.seen': async ({ id, subject }) => ok(await markSeen(db, id, subject)),
    'audit.recent': async ({ limit }) => ok(await recentAudit(db, limit)),
    'thread.unreadable': async (diagnostic) => ok({ recorded: (await appendAudit(db, { kind: 'site.unreadable', subject: null, lane: null, data: diagnostic })) > 0 }),
    ...setUpTriage(services),
    ...setUpSop(services),
    ...setUpDrafts(services),
    ...setUpSettings(services),
    ...setUpHubSpot(services),
    ...setUpStatus(services),
    ...setUpPrivacy(services),
  });
});
