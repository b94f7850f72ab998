import { browser } from 'wxt/browser';
import { dispatch, type Handlers } from '@/lib/protocol/server';
import { isContentHost } from '@/lib/protocol/sites';

/** One listener for every typed message; handlers come from each concern's setUp. */
export function setUpMessaging(handlers: Handlers): void {
  const policy = {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    isContentHost,
  };
  browser.runtime.onMessage.addListener((raw, sender) => dispatch(raw, sender, handlers, policy));
}
