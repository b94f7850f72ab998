import { browser } from 'wxt/browser';
import { dispatch, type Handlers, type SenderPolicy } from '@/lib/protocol/server';
import { siteOf } from '@/lib/sites/site-of';

/** Who may talk to the background: our content scripts on our sites, and our own pages. */
export const senderPolicy = (): SenderPolicy => ({
  extensionId: browser.runtime.id,
  extensionOrigin: browser.runtime.getURL('/'),
  siteOf,
});

/** One listener for every typed message; handlers come from each concern's setUp. */
export function setUpMessaging(handlers: Handlers): void {
  const policy = senderPolicy();
  browser.runtime.onMessage.addListener((raw, sender) => dispatch(raw, sender, handlers, policy));
}
