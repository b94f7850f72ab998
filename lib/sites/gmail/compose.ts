// Puts an approved draft into Gmail's own reply box, as if the rep had typed it, and listens for what the
// rep finally sends. It never sends: it does not click, focus or press keys on Send, and sends no Ctrl-Enter.
// Text goes in as text (execCommand or DOM text nodes), never as HTML: Gmail enforces Trusted Types.

import type { ReplyMode } from '@/lib/schemas/draft-record';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { findInlineReplyEditor, findMainView, findThreadContainer } from './locate';
import {
  COMPOSE,
  COMPOSE_EDITOR,
  DISCARD_BUTTON,
  ELIDED,
  MESSAGE_REPLY_BUTTON,
  QUOTED_HISTORY,
  REPLY_ALL_LINK,
  REPLY_LINK,
  SEND_BUTTON,
  SIGNATURE,
  SIGNATURE_PREFIX,
} from './selectors';
import { textLines } from './text';

/** How long Gmail gets to open its reply box after Reply is clicked. */
const EDITOR_WAIT_MS = 3000;

/**
 * Inserts text at the start of the open inline reply, or opens one with Gmail's Reply / Reply all first.
 * Leaves the rep in the editor to read, edit and press Send themselves.
 */
export async function insertReply(doc: Document, text: string, mode: ReplyMode): Promise<Result<{ editor: HTMLElement }>> {
  const main = findMainView(doc);
  const thread = main === null ? null : findThreadContainer(main);
  if (main === null || thread === null) {
    return fail('gmail.no-thread', 'No Gmail conversation is open.', 'Open the conversation you want to answer, then click Insert again.');
  }
  let editor = findInlineReplyEditor(thread.container);
  if (editor === null) {
    const control = replyControl(thread.container, mode);
    if (control === null) {
      const link = mode === 'replyAll' ? 'Reply all' : 'Reply';
      return fail('gmail.reply-link-missing', `Gmail's ${link} link was not found on this conversation.`, `Click ${link} in Gmail yourself, then click Insert again.`);
    }
    press(control);
    editor = await waitForEditor(thread.container, main, EDITOR_WAIT_MS);
    if (editor === null) {
      return fail('gmail.reply-editor-timeout', "Gmail's reply box did not open in time.", 'Click Reply in Gmail yourself, then click Insert again.');
    }
  }
  editor.focus();
  const caret = caretAtStart(doc, editor);
  // execCommand is what Gmail sees as typing: one undo step, autosave and its own formatting.
  const typed = typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, text);
  if (!typed && !insertAsInputEvents(doc, editor, caret, text)) {
    return fail('gmail.insert-blocked', 'Gmail did not accept the inserted text.', 'Copy the draft from the panel and paste it into the reply.');
  }
  return ok({ editor });
}

/**
 * Calls onSend with the text of a reply when the rep sends it (Send click, Enter/Space on Send, Ctrl/Cmd-Enter
 * in the editor), onDiscard when they discard it. Listens only, in the capture phase, until signal aborts.
 * Given `only` (the editor the extension filled), a Send or Discard in any other compose is ignored.
 */
export function observeSend(doc: Document, onSend: (finalText: string) => void, onDiscard: () => void, signal: AbortSignal, only?: Element): void {
  const editorOf = (inside: Element): Element | null => inside.closest(COMPOSE)?.querySelector(COMPOSE_EDITOR) ?? inside.closest(COMPOSE_EDITOR);
  const ours = (editor: Element | null): editor is Element => editor !== null && (only === undefined || editor === only);
  const sentText = (inside: Element): string | null => {
    const editor = editorOf(inside);
    return ours(editor) ? composedText(editor) : null;
  };
  doc.addEventListener(
    'click',
    (event) => {
      const target = elementOf(event.target);
      if (target === null) return;
      const send = target.closest(SEND_BUTTON);
      if (send !== null) {
        const text = sentText(send);
        if (text !== null) onSend(text);
      } else if (target.closest(DISCARD_BUTTON) !== null && (only === undefined || ours(editorOf(target)))) {
        onDiscard();
      }
    },
    { capture: true, signal },
  );
  doc.addEventListener(
    'keydown',
    (event) => {
      const target = elementOf(event.target);
      if (target === null) return;
      const shortcut = event.key === 'Enter' && (event.ctrlKey || event.metaKey) && target.closest(COMPOSE_EDITOR) !== null;
      const onSendButton = (event.key === 'Enter' || event.key === ' ') && target.closest(SEND_BUTTON) !== null;
      if (!shortcut && !onSendButton) return;
      const text = sentText(target);
      if (text !== null) onSend(text);
    },
    { capture: true, signal },
  );
}

/** The rep's own words in a compose editor: without the quoted history and signature Gmail adds. */
export function composedText(editor: Element): string {
  return textLines(editor, [QUOTED_HISTORY, SIGNATURE, SIGNATURE_PREFIX, ELIDED].join(', '));
}

function replyControl(container: Element, mode: ReplyMode): HTMLElement | null {
  const candidates =
    mode === 'replyAll'
      ? [container.querySelector<HTMLElement>(REPLY_ALL_LINK)]
      : // The per-message Reply button of the last message answers the same person as the Reply link.
        [container.querySelector<HTMLElement>(REPLY_LINK), Array.from(container.querySelectorAll<HTMLElement>(MESSAGE_REPLY_BUTTON)).at(-1) ?? null];
  // Never anything inside a compose form: that is where Send lives.
  return candidates.find((control) => control != null && control.closest(COMPOSE) === null && !control.matches(SEND_BUTTON)) ?? null;
}

/** Gmail's controls react to the mouse sequence, not only to click(). */
function press(control: HTMLElement): void {
  const view = control.ownerDocument.defaultView;
  if (view === null) {
    control.click();
    return;
  }
  for (const type of ['mousedown', 'mouseup', 'click']) {
    control.dispatchEvent(new view.MouseEvent(type, { bubbles: true, cancelable: true, view, button: 0 }));
  }
}

function waitForEditor(container: Element, main: Element, timeoutMs: number): Promise<HTMLElement | null> {
  const view = main.ownerDocument.defaultView;
  if (view === null) return Promise.resolve(findInlineReplyEditor(container));
  return new Promise((resolve) => {
    const done = (editor: HTMLElement | null) => {
      observer.disconnect();
      view.clearTimeout(timer);
      resolve(editor);
    };
    const observer = new view.MutationObserver(() => {
      const editor = findInlineReplyEditor(container);
      if (editor !== null) done(editor);
    });
    const timer = view.setTimeout(() => done(findInlineReplyEditor(container)), timeoutMs);
    observer.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ['contenteditable', 'class'] });
    const already = findInlineReplyEditor(container);
    if (already !== null) done(already);
  });
}

function caretAtStart(doc: Document, editor: HTMLElement): Range {
  const range = doc.createRange();
  range.setStart(editor, 0);
  range.collapse(true);
  const selection = doc.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  return range;
}

/** Where execCommand is unavailable: announce the input, insert text nodes and <br>, report it as typed. */
function insertAsInputEvents(doc: Document, editor: HTMLElement, caret: Range, text: string): boolean {
  const view = doc.defaultView;
  if (view === null) return false;
  const init = { inputType: 'insertText', data: text, bubbles: true, composed: true };
  // A cancelled beforeinput means the page inserted the text itself, or refused it: check which.
  if (!editor.dispatchEvent(new view.InputEvent('beforeinput', { ...init, cancelable: true }))) {
    const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
    return (editor.textContent ?? '').includes(firstLine);
  }
  const fragment = doc.createDocumentFragment();
  text.split(/\r?\n/).forEach((line, index) => {
    if (index > 0) fragment.append(doc.createElement('br'));
    if (line !== '') fragment.append(doc.createTextNode(line));
  });
  const last = fragment.lastChild;
  caret.insertNode(fragment);
  if (last !== null) {
    caret.setStartAfter(last);
    caret.collapse(true);
    const selection = doc.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(caret);
  }
  editor.dispatchEvent(new view.InputEvent('input', init));
  return true;
}

function elementOf(target: EventTarget | null): Element | null {
  if (target === null || !('nodeType' in target)) return null;
  const node = target as Node;
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}
