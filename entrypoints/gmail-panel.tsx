// The Gmail panel chunk: React and the panel, loaded by the Gmail start chunk when a thread opens
// (components/dock/chunk-loader.ts). Built as an ES module (wxt.config.ts); its default export is the mount.
import '@/lib/ui/panel-chunk-start';
import { renderPanel } from '@/components/panel/mount-panel';
import type { DockedProps } from '@/components/dock/panel-dock';
import type { PanelModule } from '@/components/dock/chunk-loader';
import type { InsertFlow } from '@/lib/gmail-lane/panel/insert-flow';
import type { TriageClient } from '@/lib/gmail-lane/panel/triage-client';
import type { GmailRead } from '@/lib/schemas/thread';
import type { Store } from '@/lib/ui/store';
import { useStore } from '@/lib/ui/use-store';

export interface GmailPanelProps extends DockedProps {
  page: Store<GmailRead | null>;
  triage: TriageClient;
  flow: InsertFlow;
}

export default defineUnlistedScript((): PanelModule<GmailPanelProps> => ({
  mount(container, { page, triage, flow, ...docked }) {
    return renderPanel(container, docked, async () => {
      const { GmailPanel } = await import('@/components/panel/gmail-panel');
      function Body() {
        return <GmailPanel read={useStore(page)} triage={triage} flow={flow} />;
      }
      return () => <Body />;
    });
  },
}));
