/**
 * The few facts about HubSpot's page the adapter relies on. HubSpot's markup is unpublished and
 * changes without notice, so records are read through the CRM API with the rep's session, never from the DOM.
 */

/** The panel's shadow host is appended to <body>: the only element of HubSpot's page we touch. */
export const PANEL_MOUNT_PARENT = 'body';
export const PANEL_HOST_ID = 'calm-triage-hubspot-panel';

/** HttpOnly session cookie: sent by the browser, never readable by scripts. */
export const SESSION_COOKIE = 'hubspotapi';
/** CSRF token readable by scripts; its value goes into CSRF_HEADER on every session API call. */
export const CSRF_COOKIE = 'hubspotapi-csrf';
/** Older cookie carrying the same CSRF value; read when CSRF_COOKIE is absent. */
export const CSRF_COOKIE_FALLBACK = 'csrf.app';
/** The portal (hub) id of the signed-in account. */
export const PORTAL_COOKIE = 'hubspot.hub.id';
export const CSRF_HEADER = 'X-HubSpot-CSRF-hubspotapi';

/** One cookie's value from a `document.cookie` string, or null when it is not set. */
export function readCookie(cookieString: string, name: string): string | null {
  for (const pair of cookieString.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim() !== name) continue;
    const raw = pair.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw; // not percent-encoded: the raw value is the value
    }
  }
  return null;
}
