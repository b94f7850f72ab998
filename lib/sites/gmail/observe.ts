// Follows Gmail's single-page navigation and in-thread changes, and reports each new read.
// Cheap by design: no polling; the first mutation of a frame is read in a task of its own right after Gmail's (so a
// thread Gmail just painted reaches the panel before that frame is painted, without lengthening Gmail's task), and
// the rest of a burst at most once per frame after it;
// typing in a compose box is ignored; onRead fires only when what was read actually changed.
// Gmail paints a thread in steps (since 2025 the legacy thread id can arrive after the thread renders), so a
// failed read is reported only once the page has stayed unreadable for a moment: a late id is read as soon as
// Gmail paints it, and a passing half-painted state never reaches the panel or the failure counts.

import type { GmailRead } from '@/lib/schemas/thread';
import { findMainView } from './locate';
import { readGmail } from './read-thread';
import { ATTR_EXPANDED, ATTR_LEGACY_THREAD_ID, ATTR_MESSAGE_ID, ATTR_THREAD_PERM_ID, COMPOSE } from './selectors';

/** How long a page must stay unreadable before it is reported. */
export const UNREADABLE_SETTLE_MS = 1000;

/** Attributes whose change can change the read: the state classes, the ids Gmail paints late, expansion. */
const WATCHED_ATTRIBUTES = ['class', ATTR_LEGACY_THREAD_ID, ATTR_THREAD_PERM_ID, ATTR_MESSAGE_ID, ATTR_EXPANDED];

export interface ObserveOptions {
  /** How long a page must stay unreadable before it is reported (tests shorten it). */
  unreadableSettleMs?: number;
}

/** Calls onRead with the current read, then again each time the page shows something different, until signal aborts. */
export function observeGmail(win: Window, onRead: (read: GmailRead) => void, signal: AbortSignal, options: ObserveOptions = {}): void {
  const settleMs = options.unreadableSettleMs ?? UNREADABLE_SETTLE_MS;
  if (signal.aborted) return;
  const doc = win.document;
  let lastSignature: string | null = null;
  let scheduled = false;
  /** Whether this frame already had its read: further mutations wait for the next frame. */
  let readThisFrame = false;
  /** A read is due in the task after the one that changed the page. */
  let readSoon = false;
  let observed: Node | null = null;
  /** Since when the page has been unreadable without being reported, and the timer that reports it. */
  let unreadableSince: number | null = null;
  let settleTimer: ReturnType<Window['setTimeout']> | null = null;

  // The page's own constructor: the observer must belong to the window it watches (jsdom tests, iframes).
  const { MutationObserver: PageMutationObserver } = win as Window & typeof globalThis;
  const observer = new PageMutationObserver((records) => {
    if (!records.some((record) => !insideCompose(record.target))) return;
    if (readThisFrame) return schedule();
    if (readSoon) return;
    readSoon = true;
    win.setTimeout(() => {
      readSoon = false;
      flush();
    }, 0);
  });

  // Observe the main view's parent (so a swapped main view is seen), or the body until Gmail has built one.
  const retarget = () => {
    const target = findMainView(doc)?.parentElement ?? doc.body ?? doc.documentElement;
    if (target === observed) return;
    observer.disconnect();
    observed = target;
    observer.observe(target, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  };

  const clearSettle = () => {
    unreadableSince = null;
    if (settleTimer !== null) win.clearTimeout(settleTimer);
    settleTimer = null;
  };

  const report = (read: GmailRead) => {
    const signature = readSignature(read);
    if (signature === lastSignature) return;
    lastSignature = signature;
    onRead(read);
  };

  const flush = () => {
    scheduled = false;
    if (signal.aborted) return;
    if (!readThisFrame) {
      readThisFrame = true;
      nextFrame(() => (readThisFrame = false));
    }
    retarget();
    const read = readGmail(doc);
    if (read.kind !== 'unreadable') {
      clearSettle();
      return report(read);
    }
    // Already reported as this same failure: nothing to wait for.
    if (readSignature(read) === lastSignature) return clearSettle();
    const now = Date.now();
    unreadableSince ??= now;
    const waited = now - unreadableSince;
    if (waited >= settleMs) {
      clearSettle();
      return report(read);
    }
    // Read again when the moment is over, even if the page does not change meanwhile.
    if (settleTimer === null) {
      settleTimer = win.setTimeout(() => {
        settleTimer = null;
        schedule();
      }, settleMs - waited);
    }
  };

  const nextFrame = (callback: () => void) => {
    if (typeof win.requestAnimationFrame === 'function') win.requestAnimationFrame(callback);
    else win.setTimeout(callback, 0);
  };

  const schedule = () => {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    nextFrame(flush);
  };

  win.addEventListener('hashchange', schedule, { signal });
  win.addEventListener('popstate', schedule, { signal });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearSettle();
    },
    { once: true },
  );
  retarget();
  schedule();
}

/** A cheap fingerprint of a read: what the panel would show differently if it changed. */
function readSignature(read: GmailRead): string {
  if (read.kind === 'list') return 'list';
  if (read.kind === 'unreadable') return `unreadable|${read.step}|${read.reason}`;
  const { thread } = read;
  const messages = thread.messages.map((message) => `${message.messageId}:${message.state}:${message.bodyText?.length ?? -1}:${message.hiddenTextRemoved}`);
  return [thread.view, thread.threadId, thread.permThreadId ?? '', thread.subject.length, thread.replyEditorOpen, ...messages].join('|');
}

/** Keystrokes in a reply change the DOM on every key; they never change what the reader reports. */
function insideCompose(node: Node): boolean {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(COMPOSE) != null;
}
