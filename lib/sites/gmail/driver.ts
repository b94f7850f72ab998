import type { ReplyMode } from '@/lib/schemas/draft-record';
import type { GmailRead, GmailReadDiagnostic } from '@/lib/schemas/thread';
import type { SiteDriver, WriteResult } from '@/lib/sites/site-driver';
import { insertReply, observeSend } from './compose';
import { gmailReadDiagnostic } from './diagnostic';
import { reserveGmailSpace } from './dock';
import { observeGmail } from './observe';
import { readGmail } from './read-thread';
import { isGmailUrl } from './url';

/** Gmail: reads the open thread, fills the reply box the rep opens, and reports Send or Discard. It never sends. */
export interface GmailDriver extends SiteDriver<GmailRead> {
  /** Puts exactly this text into Gmail's own reply box (reply or reply all), as if typed. */
  insertReply(text: string, mode: ReplyMode): WriteResult<{ editor: HTMLElement }>;
  /** What the rep finally did with a reply: sent (with the text sent) or discarded. Only `editor` counts when given. */
  /** For an unreadable page: which step failed and layout markers, safe for the audit log (never mail text). */
  diagnose(read: GmailRead): GmailReadDiagnostic | null;
  observeOutcome(handlers: { onSend: (finalText: string) => void; onDiscard: () => void }, signal: AbortSignal, editor?: Element): void;
}

export function gmailDriver(win: Window): GmailDriver {
  const doc = win.document;
  return {
    site: 'gmail',
    detect: isGmailUrl,
    read: () => readGmail(doc),
    observe: (onContext, signal) => observeGmail(win, onContext, signal),
    reserveSpace: (px) => reserveGmailSpace(doc, px),
    insertReply: (text, mode) => insertReply(doc, text, mode),
    diagnose: (read) => gmailReadDiagnostic(doc, read),
    observeOutcome: ({ onSend, onDiscard }, signal, editor) => observeSend(doc, onSend, onDiscard, signal, editor),
  };
}
