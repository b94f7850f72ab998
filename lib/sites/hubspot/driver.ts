import type { RecordRef } from '@/lib/schemas/hubspot';
import type { SiteDriver } from '@/lib/sites/site-driver';
import type { FetchLike, HubSpotClient } from './api-client';
import { reserveHubSpotSpace } from './dock';
import { observeRecord } from './observe';
import { createSessionClient } from './session';
import { isHubSpotAppUrl, parseRecordUrl } from './url';

/**
 * HubSpot: the open record is read from the URL (the panel reads records through HubSpot's API, never its DOM);
 * writes go through the page's own API with the rep's session (see write-approved.ts).
 */
export interface HubSpotDriver extends SiteDriver<RecordRef | null> {
  /** A client for HubSpot's CRM API with the logged-in session of this page, for the record's portal. */
  sessionClient(ref: RecordRef, fetch: FetchLike): HubSpotClient;
}

/** `onNavigate` subscribes to the single-page app's URL changes (WXT's wxt:locationchange in the content script). */
export function hubspotDriver(win: Window, onNavigate: (listener: (url: string) => void) => void): HubSpotDriver {
  return {
    site: 'hubspot',
    detect: isHubSpotAppUrl,
    read: () => parseRecordUrl(win.location.href),
    observe: (onContext, signal) =>
      observeRecord(win.location.href, (listener) => onNavigate((url) => !signal.aborted && listener(url)), onContext),
    reserveSpace: (px) => reserveHubSpotSpace(win.document, px),
    sessionClient: (ref, f) => createSessionClient(win.document, win.location.origin, ref, f),
  };
}
