// What loads on every HubSpot page: this loader. It imports the start chunk (entrypoints/hubspot-start.ts: the site
// reader, its observer, the panel's controller and the dock), which the browser parses off the page's main thread.
import { startSite } from '@/components/dock/chunk-loader';

export default defineContentScript({
  matches: ['https://app.hubspot.com/*', 'https://*.hubspot.com/*'],
  // The panel's styles come inlined with the dock (components/dock/panel-dock.ts), not fetched at start.
  cssInjectionMode: 'manual',
  // WXT's postMessage at start would put the extension's id in every message listener of the page (which a dynamic
  // resource URL keeps from being a fingerprint), and asking the position of the calling script for it cost 30-60 ms
  // of our start: a long task on each page load. WXT's own custom event on the document still stops an older copy.
  noScriptStartedPostMessage: true,
  // At document start, so the start chunk is fetched and parsed while the page itself loads (startSite).
  runAt: 'document_start',
  main: (ctx) => startSite(ctx, 'hubspot-start'),
});
