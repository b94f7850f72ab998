// What loads on every HubSpot page: this loader. It imports the start chunk (entrypoints/hubspot-start.ts: the site
// reader, its observer, the panel's controller and the dock), which the browser parses off the page's main thread.
import { startLoader } from '@/components/dock/chunk-loader';
import { CONTENT_SCRIPT_START_MARK } from '@/lib/ui/panel-timing';

export default defineContentScript({
  matches: ['https://app.hubspot.com/*', 'https://*.hubspot.com/*'],
  // The panel's styles come inlined with the dock (components/dock/panel-dock.ts), not fetched at start.
  cssInjectionMode: 'manual',
  // WXT's postMessage at start would put the extension's id in every message listener of the page (which a dynamic
  // resource URL keeps from being a fingerprint), and asking the position of the calling script for it cost 30-60 ms
  // of our start: a long task on each page load. WXT's own custom event on the document still stops an older copy.
  noScriptStartedPostMessage: true,
  // At document start, so the start chunk is fetched and parsed while the page itself loads; it starts on the DOM.
  runAt: 'document_start',
  async main(ctx) {
    performance.mark(CONTENT_SCRIPT_START_MARK);
    const loading = startLoader('hubspot-start')();
    if (document.readyState === 'loading') await new Promise((ready) => document.addEventListener('DOMContentLoaded', ready, { once: true }));
    const site = await loading;
    await site.start(ctx);
  },
});
