/**
 * The few facts about HubSpot's page the adapter relies on. HubSpot's markup is unpublished and
 * changes without notice, so records are read through the CRM API with the rep's session, never from the DOM.
 */

/** The session cookie (hubspotapi) is HttpOnly: the browser sends it, scripts never read it. */
/** CSRF token readable by scripts; its value goes into CSRF_HEADER on every session API call. */
export const CSRF_COOKIE = 'hubspotapi-csrf';
/** Older cookie carrying the same CSRF value; read when CSRF_COOKIE is absent. */
export const CSRF_COOKIE_FALLBACK = 'csrf.app';
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
