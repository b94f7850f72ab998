import type { Participant } from '@/lib/schemas/thread';
import { ACCOUNT_BUTTON } from './selectors';

/** "Google Account: Dana Reyes (dana@x.example)" in any UI language: the words before the colon are localised. */
const ACCOUNT_LABEL = /:\s*(.+?)\s*\(([^()\s]+@[^()\s]+)\)\s*$/;

/** The rep signed in to Gmail (name and address), or null when the page does not show it. */
export function readAccount(doc: ParentNode): Participant | null {
  for (const button of doc.querySelectorAll(ACCOUNT_BUTTON)) {
    const match = ACCOUNT_LABEL.exec(button.getAttribute('aria-label') ?? '');
    if (match) return { name: match[1]!.trim(), email: match[2]!.toLowerCase() };
  }
  return null;
}
