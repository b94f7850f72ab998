// The HubSpot panel chunk: React and the panel, loaded by the HubSpot start chunk when a record opens
// (components/dock/chunk-loader.ts). Built as an ES module (wxt.config.ts); its default export is the mount.
import '@/lib/ui/panel-chunk-start';
import { renderPanel } from '@/components/panel/mount-panel';
import type { DockedProps } from '@/components/dock/panel-dock';
import type { PanelModule } from '@/components/dock/chunk-loader';
import type { HubSpotPanelController } from '@/lib/hubspot-lane/panel/panel-controller';

export interface HubSpotPanelProps extends DockedProps {
  controller: HubSpotPanelController;
}

export default defineUnlistedScript((): PanelModule<HubSpotPanelProps> => ({
  mount(container, { controller, ...docked }) {
    return renderPanel(container, docked, async () => {
      const { HubSpotPanel } = await import('@/components/panel/hubspot-panel');
      return () => <HubSpotPanel controller={controller} />;
    });
  },
}));
