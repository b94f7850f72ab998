// When the reader cannot read Gmail's page: words a rep can forward to an admin, and a record safe to store and
// count (audit log, options page). Neither carries mail text: only the failed step, the reader's own words and
// which known layout markers the page had.

import type { GmailRead, GmailReadDiagnostic, GmailReadStep } from '@/lib/schemas/thread';
import { gmailReadDiagnosticSchema } from '@/lib/schemas/thread';
import { findMainView, findThreadHeading } from './locate';
import {
  BODY,
  BODY_WRAPPER,
  LEGACY_THREAD_CONTAINER,
  MESSAGE,
  MESSAGE_BY_ID,
  MESSAGE_LIST,
  MESSAGE_LIST_BY_CLASS,
  PREVIEW_PANE,
  SENDER,
  SENDER_IN_HEADER,
  THREAD_CONTAINER,
} from './selectors';

/** The date of the newest public source the selectors were last checked against (see selectors.ts). */
export const SELECTORS_CONFIRMED = '2026-08-17';

/** Each step in words a rep can read and forward: what part of Gmail's page the extension could not find. */
export const STEP_WORDS: Readonly<Record<GmailReadStep, string>> = {
  page: "Gmail's main view",
  container: 'the conversation area',
  subject: "the conversation's subject",
  threadId: "the conversation's id",
  list: 'the list of messages',
  item: 'the messages in the list',
  messageId: "a message's id",
  sender: "a message's sender",
  body: "an open message's text",
  shape: 'the shape of what was read',
  internal: 'the reader itself (an error)',
};

/** What the panel shows for an unreadable page: a headline, the step in words, and a line for the admin. */
export interface UnreadableWords {
  headline: string;
  step: string;
  /** One line a rep can paste into a message to their admin. No mail text. */
  forAdmin: string;
}

export function unreadableWords(read: Extract<GmailRead, { kind: 'unreadable' }>): UnreadableWords {
  const step = STEP_WORDS[read.step];
  return {
    headline: read.step === 'page' ? 'Gmail has not finished loading this page.' : `The extension could not find ${step} on this Gmail page.`,
    step,
    forAdmin: `Calm Triage could not read Gmail at step "${read.step}" (${read.detail}); selectors last checked ${SELECTORS_CONFIRMED}.`,
  };
}

/**
 * The record of a failed read to store or count, or null when the read did not fail. The markers say which
 * known parts of Gmail's layout were on the page, so an admin can tell which generation of markup it was.
 */
export function gmailReadDiagnostic(doc: Document, read: GmailRead): GmailReadDiagnostic | null {
  if (read.kind !== 'unreadable') return null;
  const main = findMainView(doc);
  const has = (selector: string) => main !== null && main.querySelector(selector) !== null;
  return gmailReadDiagnosticSchema.parse({
    site: 'gmail',
    step: read.step,
    // The reader's detail is its own wording; cut to size so nothing long ever lands in a log.
    detail: read.detail.slice(0, 200),
    selectorsConfirmed: SELECTORS_CONFIRMED,
    markers: {
      mainView: main !== null,
      threadHeading: main !== null && findThreadHeading(main) !== null,
      threadContainer: has(THREAD_CONTAINER),
      legacyThreadContainer: has(LEGACY_THREAD_CONTAINER),
      previewPane: has(PREVIEW_PANE),
      messageListByRole: has(MESSAGE_LIST),
      messageListByClass: has(MESSAGE_LIST_BY_CLASS),
      messageById: has(MESSAGE_BY_ID),
      messageByClass: has(MESSAGE),
      sender: has(SENDER_IN_HEADER) || has(SENDER),
      body: has(BODY) || has(BODY_WRAPPER),
    },
  });
}
