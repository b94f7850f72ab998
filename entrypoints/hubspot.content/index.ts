// What loads on every HubSpot app page: the site reader, its observer, the panel's controller and a dock without
// React. The panel (React and everything under it) is the hubspot-panel chunk, loaded once per tab (components/dock).
import '@/lib/schemas/zod-config';
import { dockPanel } from '@/components/dock/panel-dock';
import { panelLoader } from '@/components/dock/panel-loader';
import { createHubSpotPanelController } from '@/lib/hubspot-lane/panel/panel-controller';
import { send } from '@/lib/protocol/client';
import { hubspotDriver } from '@/lib/sites/hubspot/driver';
import { CONTENT_SCRIPT_START_MARK } from '@/lib/ui/panel-timing';
import type { HubSpotPanelProps } from '../hubspot-panel';

export default defineContentScript({
  matches: ['https://app.hubspot.com/*', 'https://*.hubspot.com/*'],
  // The panel's styles come inlined with the dock (components/dock/panel-dock.ts), not fetched at start.
  cssInjectionMode: 'manual',
  // WXT's postMessage at start would put the extension's id in every message listener of the page (which a dynamic
  // resource URL keeps from being a fingerprint), and asking the position of the calling script for it cost 30-60 ms
  // of our start: a long task on each page load. WXT's own custom event on the document still stops an older copy.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    performance.mark(CONTENT_SCRIPT_START_MARK);
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
});
