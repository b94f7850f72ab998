// What loads on every Gmail page: the site reader, its observer, the triage connection and a dock without React.
// The panel (React and everything under it) is the gmail-panel chunk, loaded once per tab (components/dock).
import '@/lib/schemas/zod-config';
import { dockPanel } from '@/components/dock/panel-dock';
import { panelLoader } from '@/components/dock/panel-loader';
import { threadFactsElement } from '@/components/dock/thread-facts-dom';
import { gmailDriver } from '@/lib/sites/gmail/driver';
import { gmailSubjectId, toTriageInput } from '@/lib/sites/gmail/to-triage-input';
import { readAccount } from '@/lib/sites/gmail/account';
import { send } from '@/lib/protocol/client';
import type { GmailRead } from '@/lib/schemas/thread';
import { createTriageClient } from '@/lib/gmail-lane/panel/triage-client';
import { createInsertFlow } from '@/lib/gmail-lane/panel/insert-flow';
import { createStore } from '@/lib/ui/store';
import { CONTENT_SCRIPT_START_MARK } from '@/lib/ui/panel-timing';
import type { GmailPanelProps } from '../gmail-panel';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  // The panel's styles come inlined with the dock (components/dock/panel-dock.ts), not fetched at start.
  cssInjectionMode: 'manual',
  // WXT's postMessage at start would put the extension's id in every message listener of the page (which a dynamic
  // resource URL keeps from being a fingerprint), and asking the position of the calling script for it cost 30-60 ms
  // of our start: a long task on each page load. WXT's own custom event on the document still stops an older copy.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    performance.mark(CONTENT_SCRIPT_START_MARK);
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
});
