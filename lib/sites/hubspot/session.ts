import { createHubSpotClient, type FetchLike, type HubSpotClient } from './api-client';
import { readCookie } from './selectors';
import type { RecordRef } from '@/lib/schemas/hubspot';

/**
 * The page-session client: same-origin calls to `${origin}/api/...` with the rep's cookies and the CSRF
 * header read from document.cookie on every request (HubSpot rotates it).
 */
export function createSessionClient(doc: Pick<Document, 'cookie'>, origin: string, ref: Pick<RecordRef, 'portalId'>, fetchImpl: FetchLike): HubSpotClient {
  return createHubSpotClient({
    mode: 'session',
    origin,
    portalId: ref.portalId,
    readCookie: (name) => readCookie(doc.cookie, name),
    fetch: fetchImpl,
  });
}
