// Reads the open Gmail thread (or notes that the list is shown) from the DOM. Pure: it only reads,
// only text and attributes (mail is untrusted), and never throws into the host page: a page that does not
// look as expected becomes { kind: 'unreadable', reason } for the panel to show.

import { gmailReadSchema, type GmailRead, type Participant, type ThreadMessage } from '@/lib/schemas/thread';
import { parseGmailDate } from './date';
import { findInlineReplyEditor, findMainView, findThreadContainer } from './locate';
import {
  ATTR_FULL_DATE,
  ATTR_LEGACY_MESSAGE_ID,
  ATTR_LEGACY_THREAD_ID,
  ATTR_MESSAGE_ID,
  ATTR_PERSON_EMAIL,
  ATTR_PERSON_NAME,
  ATTR_THREAD_PERM_ID,
  BODY,
  DATE,
  ELIDED,
  ITEM_COLLAPSED,
  ITEM_EXPANDED,
  ITEM_HIDDEN,
  MESSAGE,
  MESSAGE_EXPANDED,
  MESSAGE_LIST,
  MESSAGE_LIST_ITEM,
  QUOTED_HISTORY,
  RECIPIENT,
  SENDER,
  SIGNATURE,
  SIGNATURE_PREFIX,
  SNIPPET,
  SUBJECT,
  THREAD_HEADING_BY_ID,
} from './selectors';
import { collapseWhitespace, flatText, textLines } from './text';

/** Why a page that should hold a thread could not be read; shown to the user as is. */
class LayoutChanged extends Error {}

const LAYOUT_CHANGED = "Gmail's thread layout changed";

/** What the page shows: the open thread (full view or split-pane preview), the list, or why it cannot be read. */
export function readGmail(doc: Document): GmailRead {
  try {
    const read = readPage(doc);
    const checked = gmailReadSchema.safeParse(read);
    if (checked.success) return checked.data;
    const where = checked.error.issues[0]?.path.join('.') ?? 'unknown field';
    return unreadable(`${LAYOUT_CHANGED}: the thread read did not have the expected shape (${where}).`);
  } catch (error) {
    if (error instanceof LayoutChanged) return unreadable(error.message);
    return unreadable(`Reading the Gmail thread failed (${error instanceof Error ? error.name : 'unknown error'}).`);
  }
}

function unreadable(reason: string): GmailRead {
  return { kind: 'unreadable', reason };
}

function layoutChanged(what: string): LayoutChanged {
  return new LayoutChanged(`${LAYOUT_CHANGED}: ${what}. The panel cannot read this thread until the extension is updated.`);
}

function readPage(doc: Document): GmailRead {
  const main = findMainView(doc);
  if (main === null) return unreadable("Gmail's main view was not found: the page is still loading or is not a Gmail mailbox.");
  const found = findThreadContainer(main);
  if (found === null) {
    // A thread heading found by attribute alone means a thread is shown but its container moved.
    if (main.querySelector(THREAD_HEADING_BY_ID) !== null) throw layoutChanged('no thread container found');
    return { kind: 'list' };
  }
  const { container, view } = found;

  const subject = container.querySelector(SUBJECT);
  if (subject === null) throw layoutChanged('no subject found');
  const threadId = subject.getAttribute(ATTR_LEGACY_THREAD_ID);
  if (threadId === null || threadId === '') throw layoutChanged('no thread id found on the subject');

  const list = container.querySelector(MESSAGE_LIST);
  if (list === null) throw layoutChanged('no message list found');
  const messages: ThreadMessage[] = [];
  for (const item of Array.from(list.children)) {
    if (!item.matches(MESSAGE_LIST_ITEM)) continue;
    const message = item.querySelector(MESSAGE);
    // A hidden "N older messages" group holds no message: nothing to read until the user opens it.
    if (message === null) continue;
    messages.push(readMessage(item, message));
  }
  if (messages.length === 0) throw layoutChanged('no message found in the thread');

  return {
    kind: 'thread',
    thread: {
      view,
      threadId,
      permThreadId: subject.getAttribute(ATTR_THREAD_PERM_ID),
      subject: flatText(subject),
      participants: uniqueParticipants(messages),
      messages,
      replyEditorOpen: findInlineReplyEditor(container) !== null,
    },
  };
}

function readMessage(item: Element, message: Element): ThreadMessage {
  const messageId = message.getAttribute(ATTR_MESSAGE_ID);
  if (messageId === null || messageId === '') throw layoutChanged('a message has no id');
  const sender = message.querySelector(SENDER);
  if (sender === null) throw layoutChanged('no message sender found');
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
    };
  }
  const body = message.querySelector(BODY);
  if (body === null) throw layoutChanged('an open message has no body');
  const quotes = outermost(body, QUOTED_HISTORY);
  const signature = outermost(body, SIGNATURE).find((element) => element.closest(QUOTED_HISTORY) === null);
  return {
    ...common,
    bodyText: flatText(body, [QUOTED_HISTORY, SIGNATURE, SIGNATURE_PREFIX, ELIDED].join(', ')),
    snippet: null,
    hasQuotedHistory: quotes.length > 0,
    quotedText: quotes.length > 0 ? quotes.map((quote) => textLines(quote)).join('\n') : null,
    signature: signature === undefined ? null : textLines(signature) || null,
  };
}

function stateOf(item: Element, message: Element): ThreadMessage['state'] {
  if (item.matches(ITEM_EXPANDED)) return 'expanded';
  if (item.matches(ITEM_COLLAPSED)) return 'collapsed';
  if (item.matches(ITEM_HIDDEN)) return 'hidden';
  // The item's class is Gmail's own signal; without it, the message element's shape still tells.
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
