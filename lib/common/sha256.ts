/** Lower-case hex SHA-256 of bytes, with Web Crypto (present in the extension's pages, its service worker and Node 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(bytes));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const sha256OfText = (text: string): Promise<string> => sha256Hex(new TextEncoder().encode(text));
