import '@/components/panel/panel.css';
import { mountPanel } from '@/components/panel/mount-panel';
import { GmailPanel } from '@/components/panel/gmail-panel';
import { observeGmail } from '@/lib/sites/gmail/observe';
import { reserveGmailSpace } from '@/lib/sites/gmail/dock';
import { send } from '@/lib/protocol/client';
import type { GmailRead } from '@/lib/schemas/thread';
import { createStore, useStore } from '@/lib/ui/store';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  cssInjectionMode: 'ui',
  async main(ctx) {
    const page = createStore<GmailRead | null>(null);
    function Body() {
      return <GmailPanel read={useStore(page)} />;
    }
    await mountPanel(ctx, { site: 'gmail', reserveSpace: (px) => reserveGmailSpace(document, px), body: () => <Body /> });
    observeGmail(
      window,
      (read) => {
        page.set(read);
        if (read.kind === 'thread') void send('thread.seen', { id: `gmail:${read.thread.threadId}`, subject: read.thread.subject });
      },
      ctx.signal,
    );
  },
});
