/** Hosts our content scripts run on; messages from any other page are refused. */
export function isContentHost(url: URL): boolean {
  if (url.protocol !== 'https:') return false;
  return url.hostname === 'mail.google.com' || /^app(-[a-z0-9]+)?\.hubspot\.com$/.test(url.hostname);
}
