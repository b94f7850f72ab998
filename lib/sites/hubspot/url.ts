import type { RecordRef } from '@/lib/schemas/hubspot';

export const OBJECT_TYPE_IDS = { contact: '0-1', company: '0-2', deal: '0-3', ticket: '0-5' } as const;

// The app's hosts by data centre: app.hubspot.com, app-eu1.hubspot.com, app-na2.hubspot.com ...
const APP_HOST = /^app(?:-[a-z]{2}\d+)?\.hubspot\.com$/;
const OBJECT_TYPE_ID = /^(?:0-[1235]|2-\d+)$/;
// Current form: /contacts/{portalId}/record/{objectTypeId}/{objectId}, possibly followed by a tab segment.
const RECORD_PATH = /^\/contacts\/(\d+)\/record\/([0-9]+-[0-9]+)\/(\d+)(?:\/.*)?$/;
// Older links: /contacts/{portalId}/(contact|company|deal)/{id}
const LEGACY_RECORD_PATH = /^\/contacts\/(\d+)\/(contact|company|deal)\/(\d+)\/?$/;

export function isHubSpotAppHost(host: string): boolean {
  return APP_HOST.test(host);
}

/** A page of the HubSpot app: https on one of its data centres' hosts. */
export const isHubSpotAppUrl = (url: URL): boolean => url.protocol === 'https:' && isHubSpotAppHost(url.hostname);

/** The record a HubSpot URL points at, or null for any other page. Only the path counts: in-app navigation adds queries. */
export function parseRecordUrl(url: string): RecordRef | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null; // not a URL at all: not a record page
  }
  if (parsed.protocol !== 'https:' || !isHubSpotAppHost(parsed.hostname)) return null;
  const path = parsed.pathname;
  const current = RECORD_PATH.exec(path);
  if (current) {
    const [, portalId, objectTypeId, objectId] = current;
    if (!portalId || !objectTypeId || !objectId || !OBJECT_TYPE_ID.test(objectTypeId)) return null;
    return { host: parsed.hostname, portalId, objectTypeId, objectId };
  }
  const legacy = LEGACY_RECORD_PATH.exec(path);
  if (legacy) {
    const [, portalId, kind, objectId] = legacy;
    if (!portalId || !objectId || (kind !== 'contact' && kind !== 'company' && kind !== 'deal')) return null;
    return { host: parsed.hostname, portalId, objectTypeId: OBJECT_TYPE_IDS[kind], objectId };
  }
  return null;
}

/** The key a record is stored under in the threads/pending tables: "hubspot:<portal>/<type>/<id>". */
export function recordSubject(ref: Pick<RecordRef, 'portalId' | 'objectTypeId' | 'objectId'>): string {
  return `hubspot:${ref.portalId}/${ref.objectTypeId}/${ref.objectId}`;
}

// Every app page of a portal sits under /contacts/{portalId}/ (records, lists, the record index).
const PORTAL_PATH = /^\/contacts\/(\d+)(?:\/|$)/;

/** The portal a HubSpot app page belongs to (its host and portal id from the path), or null for any other page. */
export function portalOfUrl(url: string): { host: string; portalId: string } | null {
  const parsed = URL.parse(url);
  if (!parsed || parsed.protocol !== 'https:' || !isHubSpotAppHost(parsed.hostname)) return null;
  const portalId = PORTAL_PATH.exec(parsed.pathname)?.[1];
  return portalId ? { host: parsed.hostname, portalId } : null;
}

/** The portal id a record subject ("hubspot:<portal>/<type>/<id>") names, or null for any other subject. */
export function portalOfSubject(subject: string): string | null {
  return /^hubspot:(\d+)\//.exec(subject)?.[1] ?? null;
}
