// Puts an approved draft into Gmail's own reply box, as if the rep had typed it, and listens for what the
// rep finally sends. It never sends: it does not click, focus or press keys on Send, and sends no Ctrl-Enter.
// Text goes in as text (execCommand or DOM text nodes), never as HTML: Gmail enforces Trusted Types.

import type { ReplyMode } from '@/lib/schemas/draft-record';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { composeOf, editorOf, findInlineReplyEditor, findMainView, findReplyBar, findThreadContainer, isShown } from './locate';
import {
  DISCARD_BUTTON,
  DISCARD_BUTTON_BY_LABEL,
  ELIDED,
  MESSAGE_REPLY_BUTTON,
  MESSAGE_REPLY_BY_LABEL,
  MORE_SEND_OPTIONS,
  QUOTED_HISTORY,
  REPLY_ALL_LINK,
  REPLY_LINK,
  SCHEDULE_SEND_ITEM,
  SEND_AND_ARCHIVE_BUTTON,
  SEND_BUTTON,
  SEND_BUTTON_BY_LABEL,
  SIGNATURE,
  SIGNATURE_PREFIX,
} from './selectors';
import { textLines } from './text';

/** How the rep sent: Send, Send + Archive, Ctrl/Cmd-Enter, or Schedule send (reported once Gmail closes the reply). */
export type SendWay = 'send' | 'sendAndArchive' | 'shortcut' | 'scheduled';

/** How the rep discarded: the Discard draft button, or Ctrl/Cmd-Shift-D. */
export type DiscardWay = 'button' | 'shortcut';

/** How long Gmail gets to open its reply box after Reply is clicked. */
const EDITOR_WAIT_MS = 3000;

const ANY_SEND = `${SEND_BUTTON_BY_LABEL}, ${SEND_BUTTON}`;
const ANY_DISCARD = `${DISCARD_BUTTON_BY_LABEL}, ${DISCARD_BUTTON}`;

/**
 * Inserts text at the start of the open inline reply, or opens one with Gmail's Reply / Reply all first.
 * Leaves the rep in the editor to read, edit and press Send themselves.
 */
export async function insertReply(doc: Document, text: string, mode: ReplyMode): Promise<Result<{ editor: HTMLElement }>> {
  const main = findMainView(doc);
  const container = main === null ? null : findThreadContainer(main);
  if (main === null || container === null) {
    return fail('gmail.no-thread', 'No Gmail conversation is open.', 'Open the conversation you want to answer, then click Insert again.');
  }
  let editor = findInlineReplyEditor(container);
  if (editor === null) {
    const control = replyControl(container, mode);
    if (control === null) {
      const link = mode === 'replyAll' ? 'Reply all' : 'Reply';
      return fail('gmail.reply-link-missing', `Gmail's ${link} link was not found on this conversation.`, `Click ${link} in Gmail yourself, then click Insert again.`);
    }
    press(control);
    editor = await waitForEditor(container, main, EDITOR_WAIT_MS);
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
 * Calls onSend with the text of a reply when the rep sends it, whichever way Gmail offers: Send or Send + Archive
 * (click, or Enter/Space on them), Ctrl/Cmd-Enter anywhere in the compose, or Schedule send (reported when Gmail
 * closes the compose after the rep picked a time). Calls onDiscard on Discard draft (click, Enter/Space) or
 * Ctrl/Cmd-Shift-D. Listens only, in the capture phase, until signal aborts; never stops an event.
 * Given `only` (the editor the extension filled), a Send or Discard in any other compose is ignored.
 */
export function observeSend(
  doc: Document,
  onSend: (finalText: string, way: SendWay) => void,
  onDiscard: (way: DiscardWay) => void,
  signal: AbortSignal,
  only?: Element,
): void {
  const ours = (editor: Element | null): editor is HTMLElement => editor !== null && (only === undefined || editor === only);
  const schedule = scheduledSendWatch(doc, signal, (text) => onSend(text, 'scheduled'));
  /** The compose whose "More send options" arrow was used last: Schedule send may sit in a menu outside it. */
  let menuCompose: Element | null = null;

  const sent = (inside: Element, way: SendWay) => {
    const editor = editorOf(inside);
    if (!ours(editor)) return;
    schedule.disarm();
    onSend(composedText(editor), way);
  };
  const discarded = (inside: Element, way: DiscardWay) => {
    const editor = editorOf(inside);
    if (!ours(editor)) return;
    schedule.disarm();
    onDiscard(way);
  };
  const armSchedule = (item: Element) => {
    const compose = composeOf(item) ?? menuCompose;
    const editor = compose === null ? null : editorOf(compose);
    if (ours(editor)) schedule.arm(editor);
  };

  /** A press on one of Gmail's compose controls: true when it was one. */
  const pressed = (target: Element): boolean => {
    const scheduleItem = target.closest(SCHEDULE_SEND_ITEM);
    if (scheduleItem !== null) {
      armSchedule(scheduleItem);
      return true;
    }
    const menu = target.closest(MORE_SEND_OPTIONS);
    if (menu !== null) {
      menuCompose = composeOf(menu);
      return true;
    }
    const sendAndArchive = target.closest(SEND_AND_ARCHIVE_BUTTON);
    if (sendAndArchive !== null) {
      sent(sendAndArchive, 'sendAndArchive');
      return true;
    }
    const send = target.closest(ANY_SEND);
    if (send !== null) {
      sent(send, 'send');
      return true;
    }
    const discard = target.closest(ANY_DISCARD);
    if (discard !== null) {
      discarded(discard, 'button');
      return true;
    }
    return false;
  };

  doc.addEventListener(
    'click',
    (event) => {
      const target = elementOf(event.target);
      if (target === null) return;
      // Any other click in the armed compose (back to editing, or its close button) means it was not scheduled.
      if (!pressed(target)) schedule.touched(target);
    },
    { capture: true, signal },
  );
  doc.addEventListener(
    'keydown',
    (event) => {
      const target = elementOf(event.target);
      if (target === null) return;
      const command = event.ctrlKey || event.metaKey;
      if (command && event.key === 'Enter') return void sent(target, 'shortcut');
      if (command && event.shiftKey && (event.code === 'KeyD' || event.key.toLowerCase() === 'd')) return void discarded(target, 'shortcut');
      if ((event.key === 'Enter' || event.key === ' ') && pressed(target)) return;
      schedule.touched(target);
    },
    { capture: true, signal },
  );
}

/**
 * Schedule send ends outside the compose: the rep picks a time in Gmail's dialog and Gmail closes the compose.
 * So a press on Schedule send arms this watch, and the compose leaving the page while armed is the send.
 * Going back into the compose (a click or key in it) disarms it: the dialog was cancelled.
 */
function scheduledSendWatch(doc: Document, signal: AbortSignal, onScheduled: (text: string) => void) {
  let armed: { editor: HTMLElement; compose: Element | null; text: string } | null = null;
  let observer: MutationObserver | null = null;
  const disarm = () => {
    armed = null;
    observer?.disconnect();
    observer = null;
  };
  signal.addEventListener('abort', disarm, { once: true });
  return {
    arm(editor: HTMLElement) {
      disarm();
      const view = doc.defaultView;
      if (view === null || signal.aborted) return;
      armed = { editor, compose: composeOf(editor), text: composedText(editor) };
      observer = new view.MutationObserver(() => {
        if (armed === null || armed.editor.isConnected) return;
        const { text } = armed;
        disarm();
        onScheduled(text);
      });
      observer.observe(doc.documentElement, { childList: true, subtree: true });
    },
    disarm,
    touched(target: Element) {
      if (armed === null) return;
      const compose = armed.compose ?? armed.editor;
      if (compose.contains(target)) disarm();
    },
  };
}

/** The rep's own words in a compose editor: without the quoted history and signature Gmail adds. */
export function composedText(editor: Element): string {
  return textLines(editor, [QUOTED_HISTORY, SIGNATURE, SIGNATURE_PREFIX, ELIDED].join(', '));
}

function replyControl(container: Element, mode: ReplyMode): HTMLElement | null {
  const bar = findReplyBar(container);
  const lastShown = (selector: string) => {
    const all = Array.from(container.querySelectorAll<HTMLElement>(selector));
    return all.filter((element) => isShown(element, container)).at(-1) ?? all.at(-1) ?? null;
  };
  const candidates =
    mode === 'replyAll'
      ? [bar?.querySelector<HTMLElement>(REPLY_ALL_LINK) ?? null]
      : // The per-message Reply button of the last message answers the same person as the Reply link.
        [bar?.querySelector<HTMLElement>(REPLY_LINK) ?? null, lastShown(MESSAGE_REPLY_BY_LABEL), lastShown(MESSAGE_REPLY_BUTTON)];
  // Never anything inside a compose form: that is where Send lives.
  return candidates.find((control): control is HTMLElement => control != null && composeOf(control) === null && control.closest(ANY_SEND) === null) ?? null;
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
