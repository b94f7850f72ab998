import { isGmailUrl } from './gmail/url';
import { isHubSpotAppHost } from './hubspot/url';

/** Which of our sites a page belongs to; each site module owns its host pattern. */
export function siteOf(url: URL): 'gmail' | 'hubspot' | null {
  if (isGmailUrl(url)) return 'gmail';
  if (url.protocol === 'https:' && isHubSpotAppHost(url.hostname)) return 'hubspot';
  return null;
}
