import { isGmailUrl } from './gmail/url';
import { isHubSpotAppUrl } from './hubspot/url';

/** Which of our sites a page belongs to; each site module owns its host pattern (the drivers' detect uses the same). */
export function siteOf(url: URL): 'gmail' | 'hubspot' | null {
  if (isGmailUrl(url)) return 'gmail';
  if (isHubSpotAppUrl(url)) return 'hubspot';
  return null;
}
