import '@/components/panel/panel.css';
import { mountPanel } from '@/components/panel/mount-panel';
import { GmailPanel } from '@/components/panel/gmail-panel';
import { gmailDriver } from '@/lib/sites/gmail/driver';
import { gmailSubjectId, toTriageInput } from '@/lib/sites/gmail/to-triage-input';
import { readAccount } from '@/lib/sites/gmail/account';
import { send } from '@/lib/protocol/client';
import type { GmailRead } from '@/lib/schemas/thread';
import { createTriageClient } from '@/lib/gmail-lane/panel/triage-client';
import { createInsertFlow } from '@/lib/gmail-lane/panel/insert-flow';
import { createStore, useStore } from '@/lib/ui/store';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  cssInjectionMode: 'ui',
  async main(ctx) {
    const gmail = gmailDriver(window);
    const page = createStore<GmailRead | null>(null);
    const triage = createTriageClient(ctx.signal);
    const flow = createInsertFlow(gmail, ctx.signal, triage.setDraft);
    function Body() {
      return <GmailPanel read={useStore(page)} triage={triage} flow={flow} />;
    }
    await mountPanel(ctx, { site: 'gmail', reserveSpace: gmail.reserveSpace, body: () => <Body /> });
    let lastInput = '';
    let lastFailedStep = '';
    gmail.observe((read) => {
      page.set(read);
      if (read.kind === 'unreadable' && read.step !== lastFailedStep) {
        // Counted once per failure, so a Gmail change shows in the options page on the first day.
        lastFailedStep = read.step;
        const diagnostic = gmail.diagnose(read);
        if (diagnostic) void send('thread.unreadable', diagnostic);
      }
      if (read.kind !== 'unreadable') lastFailedStep = '';
      if (read.kind !== 'thread') {
        lastInput = '';
        return triage.clear();
      }
      const subjectId = gmailSubjectId(read.thread);
      const input = toTriageInput(read.thread, readAccount(document));
      const key = `${subjectId}|${JSON.stringify(input)}`;
      if (key === lastInput) return;
      lastInput = key;
      void send('thread.seen', { id: subjectId, subject: read.thread.subject });
      triage.start(subjectId, input);
    }, ctx.signal);
  },
});
