// The Gmail start chunk: the site reader, its observer, the triage connection and a dock without React, imported
// by the Gmail content script as it starts (components/dock/chunk-loader.ts). Built as an ES module (wxt.config.ts).
// The panel (React and everything under it) is the gmail-panel chunk, loaded once per tab (components/dock).
import '@/lib/schemas/zod-config';
import { dockPanel } from '@/components/dock/panel-dock';
import { panelLoader, type StartModule } from '@/components/dock/chunk-loader';
import { threadFactsElement } from '@/components/dock/thread-facts-dom';
import { gmailDriver } from '@/lib/sites/gmail/driver';
import { gmailSubjectId, toTriageInput } from '@/lib/sites/gmail/to-triage-input';
import { readAccount } from '@/lib/sites/gmail/account';
import { send } from '@/lib/protocol/gmail-client';
import type { GmailRead } from '@/lib/schemas/thread';
import { createTriageClient } from '@/lib/gmail-lane/panel/triage-client';
import { createInsertFlow } from '@/lib/gmail-lane/panel/insert-flow';
import { createStore } from '@/lib/ui/store';
import type { GmailPanelProps } from './gmail-panel';

export default defineUnlistedScript((): StartModule => ({
  async start(ctx) {
    const gmail = gmailDriver(window);
    const page = createStore<GmailRead | null>(null);
    const triage = createTriageClient(ctx.signal);
    const flow = createInsertFlow(gmail, ctx.signal, triage.setDraft);
    const dock = await dockPanel<GmailPanelProps>(ctx, {
      site: 'gmail',
      reserveSpace: gmail.reserveSpace,
      load: panelLoader<GmailPanelProps>('gmail-panel'),
      props: (docked) => ({ ...docked, page, triage, flow }),
    });
    let lastInput = '';
    let lastFailedStep = '';
    // The facts show as soon as a thread is read; its triage starts in the next frame, from the frame's last read,
    // so a thread Gmail paints in steps is triaged once, as before reads could come sooner than once per frame.
    let pendingStart: (() => void) | null = null;
    const startInNextFrame = (start: () => void) => {
      if (!pendingStart) {
        requestAnimationFrame(() => {
          const next = pendingStart;
          pendingStart = null;
          next?.();
        });
      }
      pendingStart = start;
    };
    gmail.observe((read) => {
      dock.preview(() => (read.kind === 'thread' ? threadFactsElement(read.thread) : null));
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
        pendingStart = null;
        return triage.clear();
      }
      dock.open();
      const subjectId = gmailSubjectId(read.thread);
      const input = toTriageInput(read.thread, readAccount(document));
      const key = `${subjectId}|${JSON.stringify(input)}`;
      if (key === lastInput) return;
      lastInput = key;
      startInNextFrame(() => {
        void send('thread.seen', { id: subjectId, subject: read.thread.subject });
        triage.start(subjectId, input);
      });
    }, ctx.signal);
  },
}));
