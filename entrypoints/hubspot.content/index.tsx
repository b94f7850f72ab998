import '@/components/panel/panel.css';
import { mountPanel } from '@/components/panel/mount-panel';
import { HubSpotPanel } from '@/components/panel/hubspot-panel';
import { createHubSpotPanelController } from '@/lib/hubspot-lane/panel/panel-controller';
import { send } from '@/lib/protocol/client';
import { hubspotDriver } from '@/lib/sites/hubspot/driver';

export default defineContentScript({
  matches: ['https://app.hubspot.com/*', 'https://*.hubspot.com/*'],
  cssInjectionMode: 'ui',
  async main(ctx) {
    const hubspot = hubspotDriver(window, (listener) => ctx.addEventListener(window, 'wxt:locationchange', (event) => listener(event.newUrl.href)));
    // The manifest matches every *.hubspot.com page (data-centre hosts vary); the panel lives only in the app.
    if (!hubspot.detect(new URL(location.href))) return;
    const controller = createHubSpotPanelController({
      send,
      fetch: (input, init) => fetch(input, { ...init, signal: ctx.signal }),
      sessionClient: hubspot.sessionClient,
    });
    await mountPanel(ctx, { site: 'hubspot', reserveSpace: hubspot.reserveSpace, body: () => <HubSpotPanel controller={controller} /> });
    hubspot.observe((ref) => void controller.open(ref), ctx.signal);
  },
});
