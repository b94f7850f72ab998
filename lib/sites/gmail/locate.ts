// Finding the parts of Gmail's page that the reader, the observer and the composer share. Roles and attributes
// are tried first, classes second; where several nodes match, the one the user sees wins, as InboxSDK chooses
// (visible, and not inside a table of its own: Gmail keeps hidden A/B copies in tables).

import {
  COMPOSE,
  COMPOSE_EDITOR,
  COMPOSE_EDITOR_BY_CLASS,
  COMPOSE_ID_INPUT,
  LEGACY_THREAD_CONTAINER,
  MAIN_VIEW,
  MESSAGE,
  MESSAGE_BY_ID,
  MESSAGE_LIST,
  MESSAGE_LIST_BY_CLASS,
  MESSAGE_LIST_ITEM,
  MESSAGE_LIST_ITEM_BY_CLASS,
  PREVIEW_PANE,
  REPLY_BAR,
  SUBJECT,
  TABLE,
  THREAD_CONTAINER,
  THREAD_HEADING_BY_ID,
} from './selectors';

const THREAD_CONTAINERS = `${THREAD_CONTAINER}, ${LEGACY_THREAD_CONTAINER}`;
const ANY_MESSAGE = `${MESSAGE_BY_ID}, ${MESSAGE}`;
/** What marks the thread itself: climbing out of a compose reaches it. */
const THREAD_MARK = `${MESSAGE_BY_ID}, ${THREAD_HEADING_BY_ID}`;
const COMPOSE_MARK = `${COMPOSE_ID_INPUT}, ${COMPOSE_EDITOR}, ${COMPOSE_EDITOR_BY_CLASS}`;

/**
 * The main view the user sees. Gmail keeps a main view per visited view and hides the inactive ones with an
 * inline display:none on an ancestor, so the first visible one wins; the first one if none looks visible.
 */
export function findMainView(doc: Document): Element | null {
  return pickShown(Array.from(doc.querySelectorAll(MAIN_VIEW)));
}

/** The heading of the thread shown in the main view: by its id attributes, else by class. */
export function findThreadHeading(main: Element): Element | null {
  return pickShown(Array.from(main.querySelectorAll(THREAD_HEADING_BY_ID))) ?? pickShown(Array.from(main.querySelectorAll(SUBJECT)));
}

export type ContainerLookup =
  | { found: true; container: Element; heading: Element; view: 'thread' | 'preview' }
  /** No thread is shown: the list, or an empty preview pane. */
  | { found: false; shown: 'none' }
  /** A thread is shown (a heading, or a container holding messages) but its parts could not be placed. */
  | { found: false; shown: 'heading-without-container' | 'container-without-heading' };

/**
 * The element that holds the open thread, whichever layout: the container class around the thread heading
 * (late-2023 and 2026 column, or the older table cell), else the main view's child that holds the heading
 * and a message list.
 */
export function lookUpThreadContainer(main: Element): ContainerLookup {
  const heading = findThreadHeading(main);
  if (heading === null) {
    // A container that holds messages but no heading: a thread is shown and its heading moved.
    const holdsMessages = Array.from(main.querySelectorAll(THREAD_CONTAINERS)).some((c) => isShown(c) && c.querySelector(ANY_MESSAGE) !== null);
    return holdsMessages ? { found: false, shown: 'container-without-heading' } : { found: false, shown: 'none' };
  }
  const byClass = heading.closest(THREAD_CONTAINERS);
  const container = byClass !== null && main.contains(byClass) ? byClass : childOfHolding(main, heading);
  if (container === null || (byClass === null && findMessageList(container) === null)) return { found: false, shown: 'heading-without-container' };
  const pane = heading.closest(PREVIEW_PANE);
  return { found: true, container, heading, view: pane !== null && main.contains(pane) ? 'preview' : 'thread' };
}

/** The open thread's container, or null when none can be placed. */
export function findThreadContainer(main: Element): Element | null {
  const lookup = lookUpThreadContainer(main);
  return lookup.found ? lookup.container : null;
}

/**
 * The message list of a thread: the visible [role=list] that holds message items (one inside a message is
 * not it), else the list by its place among Gmail's classes.
 */
export function findMessageList(container: Element): Element | null {
  const byRole = Array.from(container.querySelectorAll(MESSAGE_LIST)).filter((list) => Array.from(list.children).some(isMessageItem));
  return pickShown(byRole) ?? pickShown(Array.from(container.querySelectorAll(MESSAGE_LIST_BY_CLASS)).filter((list) => Array.from(list.children).some(isMessageItem)));
}

/** A direct child of the message list that stands for a message or a group of hidden ones. */
export function isMessageItem(element: Element): boolean {
  return element.matches(MESSAGE_LIST_ITEM) || element.matches(MESSAGE_LIST_ITEM_BY_CLASS);
}

/** The message element inside a list item: by its id attribute, else by class; null for a "N older messages" group. */
export function findMessageIn(item: Element): Element | null {
  return item.querySelector(MESSAGE_BY_ID) ?? item.querySelector(MESSAGE);
}

/** The Reply / Reply all / Forward bar the user sees: InboxSDK's rule (visible, not in a table of its own). */
export function findReplyBar(container: Element): Element | null {
  const bars = Array.from(container.querySelectorAll(REPLY_BAR));
  const ownTable = (bar: Element) => {
    const table = bar.closest(TABLE);
    return table !== null && container.contains(table);
  };
  return bars.find((bar) => !ownTable(bar) && isShown(bar, container)) ?? bars.find((bar) => isShown(bar, container)) ?? bars[0] ?? null;
}

/** Editors of compose forms under a root: by attributes, else by class. */
export function findEditors(root: Element): HTMLElement[] {
  const byAttribute = Array.from(root.querySelectorAll<HTMLElement>(COMPOSE_EDITOR));
  return byAttribute.length > 0 ? byAttribute : Array.from(root.querySelectorAll<HTMLElement>(COMPOSE_EDITOR_BY_CLASS));
}

/** The editor of the inline reply open in a thread, if any: a compose editor inside the thread is an inline reply. */
export function findInlineReplyEditor(container: Element): HTMLElement | null {
  return pickShown(findEditors(container));
}

/**
 * The compose form an element belongs to: Gmail's form class, else the nearest ancestor holding a compose id
 * input or an editor, as long as climbing has not left the compose (an ancestor holding a message or the thread
 * heading is the thread, not a compose).
 */
export function composeOf(element: Element): Element | null {
  const byClass = element.closest(COMPOSE);
  if (byClass !== null) return byClass;
  for (let node: Element | null = element; node !== null; node = node.parentElement) {
    if (node.querySelector(THREAD_MARK) !== null) return null;
    if (node.querySelector(COMPOSE_MARK) !== null) return node;
  }
  return null;
}

/** The editor of the compose form an element is in (or the editor itself). */
export function editorOf(element: Element): HTMLElement | null {
  const editors = (root: Element) => findEditors(root);
  const own = element.closest<HTMLElement>(`${COMPOSE_EDITOR}, ${COMPOSE_EDITOR_BY_CLASS}`);
  if (own !== null) return own;
  const compose = composeOf(element);
  return compose === null ? null : (editors(compose)[0] ?? null);
}

/**
 * The first shown element of a list, else the first one. checkVisibility makes the browser recompute styles (about
 * 5 ms after Gmail paints a thread), so it is asked only when the inline markers leave more than one candidate.
 */
function pickShown<T extends Element>(elements: T[]): T | null {
  const candidates = elements.filter((element) => !hiddenInline(element));
  if (candidates.length === 1) return candidates[0]!;
  return candidates.find((element) => visibleByStyle(element)) ?? elements[0] ?? null;
}

/** The child of main that holds the element (the widest box of the thread that is not main itself). */
function childOfHolding(main: Element, element: Element): Element | null {
  let node: Element | null = element;
  while (node !== null && node.parentElement !== main) node = node.parentElement;
  return node;
}

/**
 * Whether the element is shown: no ancestor (up to `within`, when given) is hidden by the hidden attribute or an
 * inline display:none, and, where the DOM can tell (a browser, happy-dom), checkVisibility agrees.
 */
export function isShown(element: Element, within?: Element): boolean {
  return !hiddenInline(element, within) && visibleByStyle(element);
}

/** Whether the element or an ancestor (up to `within`, when given) is hidden by the hidden attribute or an inline display:none. */
function hiddenInline(element: Element, within?: Element): boolean {
  for (let node: Element | null = element; node !== null; node = node.parentElement) {
    if (node.hasAttribute('hidden') || (node as HTMLElement).style?.display === 'none') return true;
    if (node === within) break;
  }
  return false;
}

/** checkVisibility where the DOM offers it (a browser, happy-dom); true elsewhere. */
function visibleByStyle(element: Element): boolean {
  const check = (element as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return typeof check === 'function' && element.isConnected ? check.call(element) : true;
}
