// Finding the parts of Gmail's page that the reader, the observer and the composer share.

import { COMPOSE_EDITOR, INLINE_REPLY, LEGACY_THREAD_CONTAINER, MAIN_VIEW, PREVIEW_PANE, SUBJECT, THREAD_CONTAINER } from './selectors';

/**
 * The main view the user sees. Gmail keeps a main view per visited view and hides the inactive ones with an
 * inline display:none on an ancestor, so the first visible one wins; the first one if none looks visible.
 */
export function findMainView(doc: Document): Element | null {
  const views = Array.from(doc.querySelectorAll(MAIN_VIEW));
  return views.find((view) => !hiddenByInlineStyle(view)) ?? views[0] ?? null;
}

/** The element that holds the open thread (either layout), and whether it is the split-pane preview. */
export function findThreadContainer(main: Element): { container: Element; view: 'thread' | 'preview' } | null {
  const candidates = [...Array.from(main.querySelectorAll(THREAD_CONTAINER)), ...Array.from(main.querySelectorAll(LEGACY_THREAD_CONTAINER))];
  const container = candidates.find((candidate) => candidate.querySelector(SUBJECT) !== null) ?? candidates[0];
  if (container === undefined) return null;
  const inPreview = main.querySelector(PREVIEW_PANE)?.contains(container) ?? false;
  return { container, view: inPreview ? 'preview' : 'thread' };
}

/** The editor of the inline reply open in a thread, if any. */
export function findInlineReplyEditor(container: Element): HTMLElement | null {
  for (const reply of Array.from(container.querySelectorAll(INLINE_REPLY))) {
    const editor = reply.querySelector<HTMLElement>(COMPOSE_EDITOR);
    if (editor !== null) return editor;
  }
  return null;
}

function hiddenByInlineStyle(element: Element): boolean {
  for (let node: Element | null = element; node !== null; node = node.parentElement) {
    const style = (node as HTMLElement).style as CSSStyleDeclaration | undefined;
    if (style?.display === 'none' || node.hasAttribute('hidden')) return true;
  }
  return false;
}
