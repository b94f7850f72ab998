// Follows Gmail's single-page navigation and in-thread changes, and reports each new read.
// Cheap by design: no polling; mutations only schedule a read, at most one per animation frame;
// typing in a compose box is ignored; onRead fires only when what was read actually changed.

import type { GmailRead } from '@/lib/schemas/thread';
import { findMainView } from './locate';
import { readGmail } from './read-thread';
import { COMPOSE } from './selectors';

/** Calls onRead with the current read, then again each time the page shows something different, until signal aborts. */
export function observeGmail(win: Window, onRead: (read: GmailRead) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const doc = win.document;
  let lastSignature: string | null = null;
  let scheduled = false;
  let observed: Node | null = null;

  // The page's own constructor: the observer must belong to the window it watches (jsdom tests, iframes).
  const { MutationObserver: PageMutationObserver } = win as Window & typeof globalThis;
  const observer = new PageMutationObserver((records) => {
    if (records.some((record) => !insideCompose(record.target))) schedule();
  });

  // Observe the main view's parent (so a swapped main view is seen), or the body until Gmail has built one.
  const retarget = () => {
    const target = findMainView(doc)?.parentElement ?? doc.body ?? doc.documentElement;
    if (target === observed) return;
    observer.disconnect();
    observed = target;
    observer.observe(target, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class'] });
  };

  const flush = () => {
    scheduled = false;
    if (signal.aborted) return;
    retarget();
    const read = readGmail(doc);
    const signature = readSignature(read);
    if (signature === lastSignature) return;
    lastSignature = signature;
    onRead(read);
  };

  const schedule = () => {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    if (typeof win.requestAnimationFrame === 'function') win.requestAnimationFrame(flush);
    else win.setTimeout(flush, 0);
  };

  win.addEventListener('hashchange', schedule, { signal });
  win.addEventListener('popstate', schedule, { signal });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  retarget();
  schedule();
}

/** A cheap fingerprint of a read: what the panel would show differently if it changed. */
function readSignature(read: GmailRead): string {
  if (read.kind === 'list') return 'list';
  if (read.kind === 'unreadable') return `unreadable|${read.reason}`;
  const { thread } = read;
  const messages = thread.messages.map((message) => `${message.messageId}:${message.state}:${message.bodyText?.length ?? -1}`);
  return [thread.view, thread.threadId, thread.subject.length, thread.replyEditorOpen, ...messages].join('|');
}

/** Keystrokes in a reply change the DOM on every key; they never change what the reader reports. */
function insideCompose(node: Node): boolean {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(COMPOSE) != null;
}
