import '@/components/panel/panel.css';
import { mountPanel } from '@/components/panel/mount-panel';
import { HubSpotPanel } from '@/components/panel/hubspot-panel';
import { createHubSpotPanelController } from '@/lib/hubspot-lane/panel/panel-controller';
import { send } from '@/lib/protocol/client';
import { reserveHubSpotSpace } from '@/lib/sites/hubspot/dock';
import { observeRecord } from '@/lib/sites/hubspot/observe';
import { createSessionClient } from '@/lib/sites/hubspot/session';
import { isHubSpotAppHost } from '@/lib/sites/hubspot/url';

export default defineContentScript({
  matches: ['https://app.hubspot.com/*', 'https://*.hubspot.com/*'],
  cssInjectionMode: 'ui',
  async main(ctx) {
    if (!isHubSpotAppHost(location.hostname)) return;
    const controller = createHubSpotPanelController({
      send,
      fetch: (input, init) => fetch(input, { ...init, signal: ctx.signal }),
      sessionClient: (ref, f) => createSessionClient(document, location.origin, ref, f),
    });
    await mountPanel(ctx, { site: 'hubspot', reserveSpace: (px) => reserveHubSpotSpace(document, px), body: () => <HubSpotPanel controller={controller} /> });
    observeRecord(
      location.href,
      (listener) => ctx.addEventListener(window, 'wxt:locationchange', (event) => listener(event.newUrl.href)),
      (ref) => void controller.open(ref),
    );
  },
});
