/** Gmail pages: only https://mail.google.com, the host the content script matches. */
export function isGmailUrl(url: URL): boolean {
  return url.protocol === 'https:' && url.hostname === 'mail.google.com';
}
