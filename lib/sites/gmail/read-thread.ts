// Reads the open Gmail thread (or notes that the list is shown) from the DOM. Pure: it only reads,
// only text and attributes (mail is untrusted), and never throws into the host page: a page that does not
// look as expected becomes { kind: 'unreadable', reason, step, detail } for the panel to show, where step names
// the part of the page that was not found, so a Gmail change can be located from a rep's report.

import { gmailReadSchema, type GmailRead, type GmailReadStep, type Participant, type ThreadMessage } from '@/lib/schemas/thread';
import { parseGmailDate } from './date';
import { findInlineReplyEditor, findMainView, findMessageIn, findMessageList, isMessageItem, lookUpThreadContainer } from './locate';
import {
  ATTACHMENT,
  ATTACHMENT_NAME,
  ATTR_ATTACHMENT_DOWNLOAD,
  ATTR_EXPANDED,
  ATTR_FULL_DATE,
  ATTR_LEGACY_MESSAGE_ID,
  ATTR_LEGACY_THREAD_ID,
  ATTR_MESSAGE_ID,
  ATTR_PERSON_EMAIL,
  ATTR_PERSON_NAME,
  ATTR_THREAD_PERM_ID,
  BODY,
  BODY_WRAPPER,
  DATE,
  ELIDED,
  ITEM_COLLAPSED,
  ITEM_EXPANDED,
  ITEM_HIDDEN,
  MESSAGE_EXPANDED,
  QUOTED_HISTORY,
  RECIPIENT,
  SENDER,
  SENDER_IN_HEADER,
  SIGNATURE,
  SIGNATURE_PREFIX,
  SNIPPET,
} from './selectors';
import { collapseWhitespace, countHiddenText, flatText, textLines } from './text';

/** A step of the read that found nothing where Gmail's page should have something. */
class LayoutChanged extends Error {
  constructor(
    readonly step: GmailReadStep,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const LAYOUT_CHANGED = "Gmail's thread layout changed";

/** What the page shows: the open thread (full view or split-pane preview), the list, or why it cannot be read. */
export function readGmail(doc: Document): GmailRead {
  try {
    const read = readPage(doc);
    const checked = gmailReadSchema.safeParse(read);
    if (checked.success) return checked.data;
    const where = checked.error.issues[0]?.path.join('.') ?? 'unknown field';
    return unreadable('shape', `the thread read did not have the expected shape (${where})`);
  } catch (error) {
    if (error instanceof LayoutChanged) return unreadable(error.step, error.detail);
    return {
      kind: 'unreadable',
      step: 'internal',
      detail: `reader error (${error instanceof Error ? error.name : 'unknown'})`,
      reason: `Reading the Gmail thread failed (${error instanceof Error ? error.name : 'unknown error'}).`,
    };
  }
}

function unreadable(step: GmailReadStep, detail: string): GmailRead {
  if (step === 'page') {
    return { kind: 'unreadable', step, detail, reason: "Gmail's main view was not found: the page is still loading or is not a Gmail mailbox." };
  }
  return { kind: 'unreadable', step, detail, reason: `${LAYOUT_CHANGED}: ${detail}. The panel cannot read this thread until the extension is updated.` };
}

function readPage(doc: Document): GmailRead {
  const main = findMainView(doc);
  if (main === null) throw new LayoutChanged('page', 'no main view found');
  const lookup = lookUpThreadContainer(main);
  if (!lookup.found) {
    if (lookup.shown === 'none') return { kind: 'list' };
    if (lookup.shown === 'container-without-heading') throw new LayoutChanged('subject', 'no subject found');
    throw new LayoutChanged('container', 'no thread container found');
  }
  const { container, heading, view } = lookup;

  const threadId = heading.getAttribute(ATTR_LEGACY_THREAD_ID);
  if (threadId === null || threadId === '') throw new LayoutChanged('threadId', 'no thread id found on the subject');

  const list = findMessageList(container);
  if (list === null) throw new LayoutChanged('list', 'no message list found');
  const messages: ThreadMessage[] = [];
  for (const item of Array.from(list.children)) {
    if (!isMessageItem(item)) continue;
    const message = findMessageIn(item);
    // A hidden "N older messages" group holds no message: nothing to read until the user opens it.
    if (message === null) continue;
    messages.push(readMessage(item, message));
  }
  if (messages.length === 0) throw new LayoutChanged('item', 'no message found in the thread');

  return {
    kind: 'thread',
    thread: {
      view,
      threadId,
      permThreadId: permThreadId(heading),
      subject: flatText(heading),
      participants: uniqueParticipants(messages),
      messages,
      replyEditorOpen: findInlineReplyEditor(container) !== null,
    },
  };
}

/** Since Nov 2025 Gmail can write the string "undefined" in the perm id: that is no id (InboxSDK does the same). */
function permThreadId(heading: Element): string | null {
  const value = heading.getAttribute(ATTR_THREAD_PERM_ID);
  return value === null || value === '' || value === 'undefined' ? null : value;
}

function readMessage(item: Element, message: Element): ThreadMessage {
  const messageId = message.getAttribute(ATTR_MESSAGE_ID);
  if (messageId === null || messageId === '' || messageId === 'undefined') throw new LayoutChanged('messageId', 'a message has no id');
  const sender = findSender(message);
  if (sender === null) throw new LayoutChanged('sender', 'no message sender found');
  const state = stateOf(item, message);
  const dateTitle = message.querySelector(DATE)?.getAttribute(ATTR_FULL_DATE);
  const common = {
    messageId,
    legacyId: message.getAttribute(ATTR_LEGACY_MESSAGE_ID),
    from: participant(sender),
    to: Array.from(message.querySelectorAll(RECIPIENT)).map(participant),
    date: dateTitle ? parseGmailDate(dateTitle) : null,
    state,
  };
  if (state !== 'expanded') {
    const snippet = message.querySelector(SNIPPET);
    return {
      ...common,
      bodyText: null,
      snippet: snippet === null ? null : collapseWhitespace(snippet.textContent ?? ''),
      hasQuotedHistory: false,
      quotedText: null,
      signature: null,
      hiddenTextRemoved: 0,
    };
  }
  const body = findBody(message);
  if (body === null) throw new LayoutChanged('body', 'an open message has no body');
  const quotes = outermost(body, QUOTED_HISTORY);
  const signature = outermost(body, SIGNATURE).find((element) => element.closest(QUOTED_HISTORY) === null);
  return {
    ...common,
    bodyText: flatText(body, [QUOTED_HISTORY, SIGNATURE, SIGNATURE_PREFIX, ELIDED].join(', ')),
    snippet: null,
    hasQuotedHistory: quotes.length > 0,
    quotedText: quotes.length > 0 ? quotes.map((quote) => textLines(quote)).join('\n') : null,
    signature: signature === undefined ? null : textLines(signature) || null,
    attachments: attachmentNames(message),
    // Quotes and signature count too: hidden words in them reach the rep's reply as much as the new text does.
    hiddenTextRemoved: countHiddenText(body, ELIDED),
  };
}

/** The names of the files attached to an open message (never links or images inside its body). */
function attachmentNames(message: Element): string[] {
  const names: string[] = [];
  for (const chip of Array.from(message.querySelectorAll(ATTACHMENT))) {
    if (chip.closest(BODY_WRAPPER) !== null) continue;
    // "mime:name:address": the name is the second field (an address has colons of its own).
    const fromDownload = chip.getAttribute(ATTR_ATTACHMENT_DOWNLOAD)?.split(':')[1];
    const shown = chip.querySelector(ATTACHMENT_NAME);
    const name = collapseWhitespace(fromDownload || shown?.getAttribute('title') || shown?.textContent || '');
    if (name) names.push(name.slice(0, MAX_ATTACHMENT_NAME));
    if (names.length === MAX_ATTACHMENTS) break;
  }
  return names;
}

const MAX_ATTACHMENT_NAME = 200;
const MAX_ATTACHMENTS = 50;

/** The sender: the person chip in the message header (never one inside the body), else by Gmail's class. */
function findSender(message: Element): Element | null {
  const outsideBody = (element: Element) => element.closest(BODY_WRAPPER) === null;
  return Array.from(message.querySelectorAll(SENDER_IN_HEADER)).find(outsideBody) ?? Array.from(message.querySelectorAll(SENDER)).find(outsideBody) ?? null;
}

/** The body of an open message: by its classes, else the first element inside its wrapper. */
function findBody(message: Element): Element | null {
  return message.querySelector(BODY) ?? message.querySelector(BODY_WRAPPER)?.firstElementChild ?? null;
}

/**
 * Hidden first (only the item class tells it), then aria-expanded on the item or the message, then the item's
 * state class, then the shape of the message element.
 */
function stateOf(item: Element, message: Element): ThreadMessage['state'] {
  if (item.matches(ITEM_HIDDEN)) return 'hidden';
  const expanded = item.getAttribute(ATTR_EXPANDED) ?? message.getAttribute(ATTR_EXPANDED);
  if (expanded === 'true') return 'expanded';
  if (expanded === 'false') return 'collapsed';
  if (item.matches(ITEM_EXPANDED)) return 'expanded';
  if (item.matches(ITEM_COLLAPSED)) return 'collapsed';
  return message.matches(MESSAGE_EXPANDED) ? 'expanded' : 'collapsed';
}

function participant(element: Element): Participant {
  const email = element.getAttribute(ATTR_PERSON_EMAIL) ?? '';
  const name = element.getAttribute(ATTR_PERSON_NAME) ?? collapseWhitespace(element.textContent ?? '');
  return { name: name || email, email };
}

/** Everyone in the thread, once each by address, in order of appearance (sender, then recipients). */
function uniqueParticipants(messages: ThreadMessage[]): Participant[] {
  const byEmail = new Map<string, Participant>();
  for (const message of messages) {
    for (const person of [message.from, ...message.to]) {
      const key = person.email.toLowerCase();
      if (!byEmail.has(key)) byEmail.set(key, person);
    }
  }
  return [...byEmail.values()];
}

/** Elements matching the selector that are not inside another match (a quote's nested quotes belong to it). */
function outermost(root: Element, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector)).filter((element) => {
    const outer = element.parentElement?.closest(selector);
    return outer === null || outer === undefined || !root.contains(outer);
  });
}
