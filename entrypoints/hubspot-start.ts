// The HubSpot start chunk: the site reader, its observer, the panel's controller and a dock without React, imported
// by the HubSpot content script as it starts (components/dock/chunk-loader.ts). Built as an ES module (wxt.config.ts).
// The panel (React and everything under it) is the hubspot-panel chunk, loaded once per tab (components/dock).
import '@/lib/schemas/zod-config';
import { dockPanel } from '@/components/dock/panel-dock';
import { panelLoader, type StartModule } from '@/components/dock/chunk-loader';
import { createHubSpotPanelController } from '@/lib/hubspot-lane/panel/panel-controller';
import { send } from '@/lib/protocol/hubspot-client';
import { hubspotDriver } from '@/lib/sites/hubspot/driver';
import type { HubSpotPanelProps } from './hubspot-panel';

export default defineUnlistedScript((): StartModule => ({
  async start(ctx) {
    const hubspot = hubspotDriver(window, (listener) => ctx.addEventListener(window, 'wxt:locationchange', (event) => listener(event.newUrl.href)));
    // The manifest matches every *.hubspot.com page (data-centre hosts vary); the panel lives only in the app.
    if (!hubspot.detect(new URL(location.href))) return;
    const controller = createHubSpotPanelController({
      send,
      fetch: (input, init) => fetch(input, { ...init, signal: ctx.signal }),
      sessionClient: hubspot.sessionClient,
    });
    const dock = await dockPanel<HubSpotPanelProps>(ctx, {
      site: 'hubspot',
      reserveSpace: hubspot.reserveSpace,
      load: panelLoader<HubSpotPanelProps>('hubspot-panel'),
      props: (docked) => ({ ...docked, controller }),
    });
    hubspot.observe((ref) => {
      dock.open();
      void controller.open(ref);
    }, ctx.signal);
  },
}));
