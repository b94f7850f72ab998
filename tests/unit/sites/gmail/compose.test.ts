// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertReply, observeSend } from '@/lib/sites/gmail/compose';
import { readGmail } from '@/lib/sites/gmail/read-thread';
import { fixtureHtml, showFixture } from './fixtures';

const SEND = 'div[role=button].T-I.aoO.v7.T-I-atl';
const EDITOR = '[role=textbox][contenteditable=true]';
const DRAFT = 'Hi Jordan,\nSorry about the cracked baskets.\n\nReplacements ship today.';

/** Counts every way Send could be triggered: clicks, mouse presses, focus and keys on it, and Ctrl-Enter anywhere. */
function watchSend(): { count: () => number; stop: () => void } {
  let hits = 0;
  const onSendButton = (event: Event) => {
    if (event.target instanceof Element && event.target.closest(SEND)) hits += 1;
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) hits += 1;
  };
  const types = ['click', 'mousedown', 'mouseup', 'focusin', 'keydown'] as const;
  types.forEach((type) => document.addEventListener(type, onSendButton, true));
  document.addEventListener('keydown', onKey, true);
  return {
    count: () => hits,
    stop: () => {
      types.forEach((type) => document.removeEventListener(type, onSendButton, true));
      document.removeEventListener('keydown', onKey, true);
    },
  };
}

/** Plays Gmail: clicking the given control opens an inline reply built like the saved one, a little later. */
function gmailOpensReplyOn(controlSelector: string): { clicks: () => number } {
  let clicks = 0;
  const source = new DOMParser().parseFromString(fixtureHtml('thread-with-inline-reply-open'), 'text/html');
  const replyForm = source.querySelector('.ip.adB');
  const control = document.querySelector(controlSelector);
  control?.addEventListener('click', () => {
    clicks += 1;
    setTimeout(() => {
      const links = document.querySelector('[role=main] .amn');
      if (replyForm !== null) links?.replaceWith(document.importNode(replyForm, true));
    }, 50);
  });
  return { clicks: () => clicks };
}

describe('insertReply', () => {
  let send: ReturnType<typeof watchSend>;
  beforeEach(() => {
    send = watchSend();
  });
  afterEach(() => send.stop());

  it('puts the text into the open inline reply, as typing, and never touches Send', async () => {
    showFixture('thread-with-inline-reply-open');
    const inputs: string[] = [];
    document.querySelector(EDITOR)?.addEventListener('input', (event) => inputs.push((event as InputEvent).inputType));
    const result = await insertReply(document, DRAFT, 'reply');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const editor = result.value.editor;
    expect(editor).toBe(document.querySelector(EDITOR));
    expect(document.activeElement).toBe(editor);
    expect(editor.textContent).toBe('Hi Jordan,Sorry about the cracked baskets.Replacements ship today.');
    expect(editor.querySelectorAll('br').length).toBeGreaterThanOrEqual(3);
    expect(editor.querySelector('script, img, a')).toBeNull();
    expect(inputs).toEqual(['insertText']);
    expect(send.count()).toBe(0);
  });

  it('uses execCommand insertText when the browser has it (one undo step, Gmail autosaves)', async () => {
    showFixture('thread-with-inline-reply-open');
    const calls: Array<[string, string | undefined]> = [];
    let beforeInputs = 0;
    document.querySelector(EDITOR)?.addEventListener('beforeinput', () => (beforeInputs += 1));
    // happy-dom has no execCommand: stand in for the browser's, inserting at the caret as Chrome does.
    Object.defineProperty(document, 'execCommand', {
      configurable: true,
      value: (command: string, _ui: boolean, value?: string) => {
        calls.push([command, value]);
        document.getSelection()?.getRangeAt(0).insertNode(document.createTextNode(value ?? ''));
        return true;
      },
    });
    try {
      const result = await insertReply(document, 'Thanks, Jordan.', 'reply');
      expect(result.ok).toBe(true);
      expect(calls).toEqual([['insertText', 'Thanks, Jordan.']]);
      expect(beforeInputs).toBe(0);
      expect(document.querySelector(EDITOR)?.firstChild?.textContent).toBe('Thanks, Jordan.');
    } finally {
      Reflect.deleteProperty(document, 'execCommand');
    }
    expect(send.count()).toBe(0);
  });

  it('clicks Reply and waits for Gmail to open the editor', async () => {
    showFixture('thread-2024-layout-refund');
    const gmail = gmailOpensReplyOn('.amn .bkH');
    const replyAll = gmailOpensReplyOn('.amn .bkI');
    const result = await insertReply(document, 'Hi Marcus,\nthe refund is on its way.', 'reply');
    expect(result.ok).toBe(true);
    expect(gmail.clicks()).toBe(1);
    expect(replyAll.clicks()).toBe(0);
    expect(document.querySelector(EDITOR)?.textContent).toContain('Hi Marcus,the refund is on its way.');
    const read = readGmail(document);
    expect(read.kind === 'thread' && read.thread.replyEditorOpen).toBe(true);
    expect(send.count()).toBe(0);
  });

  it('clicks Reply all for replyAll', async () => {
    showFixture('thread-long-meeting-followup');
    const reply = gmailOpensReplyOn('.amn .bkH');
    const replyAll = gmailOpensReplyOn('.amn .bkI');
    const result = await insertReply(document, 'Thanks all.', 'replyAll');
    expect(result.ok).toBe(true);
    expect([reply.clicks(), replyAll.clicks()]).toEqual([0, 1]);
    expect(send.count()).toBe(0);
  });

  it('says the reply box did not open when Gmail does not react', async () => {
    showFixture('thread-german-customer');
    const started = Date.now();
    const result = await insertReply(document, 'Guten Tag', 'reply');
    expect(result.ok ? 'ok' : result.error.code).toBe('gmail.reply-editor-timeout');
    expect(Date.now() - started).toBeLessThan(6000);
    expect(send.count()).toBe(0);
  });

  it('says no thread is open on the inbox list', async () => {
    showFixture('inbox-list');
    const result = await insertReply(document, 'Hello', 'reply');
    expect(result.ok ? 'ok' : result.error.code).toBe('gmail.no-thread');
    if (!result.ok) expect(result.error.nextStep).toMatch(/Open the conversation/);
  });
});

describe('observeSend', () => {
  let controller: AbortController;
  beforeEach(() => {
    controller = new AbortController();
    showFixture('thread-with-inline-reply-open');
  });
  afterEach(() => controller.abort());

  it('reports the text the rep sends with the Send button, without stopping the click', async () => {
    const sent: string[] = [];
    observeSend(document, (text) => sent.push(text), () => sent.push('discarded'), controller.signal);
    await insertReply(document, DRAFT, 'reply');
    const sendButton = document.querySelector(SEND) as HTMLElement;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    sendButton.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(false);
    expect(sent).toEqual(['Hi Jordan,\nSorry about the cracked baskets.\nReplacements ship today.']);
  });

  it('reports Ctrl-Enter in the editor as a send and Discard as a discard', () => {
    const events: string[] = [];
    observeSend(document, (text) => events.push(`sent:${text}`), () => events.push('discarded'), controller.signal);
    const editor = document.querySelector(EDITOR) as HTMLElement;
    editor.append('Will do.');
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    (document.querySelector('.og[role=button]') as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(events).toEqual(['sent:Will do.', 'discarded']);
  });

  it('given the editor it filled, ignores Send and Discard in any other compose', () => {
    const events: string[] = [];
    const ours = document.querySelector(EDITOR) as HTMLElement;
    // The rep opens a second compose (a new message) beside the reply the panel filled.
    const compose = ours.closest('.ip.adB')!;
    const other = compose.cloneNode(true) as HTMLElement;
    compose.parentElement!.append(other);
    (other.querySelector(EDITOR) as HTMLElement).append('An unrelated email');
    observeSend(document, (text) => events.push(`sent:${text}`), () => events.push('discarded'), controller.signal, ours);
    (other.querySelector(SEND) as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    (other.querySelector('.og[role=button]') as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(events).toEqual([]);
    ours.append('Our reply');
    (compose.querySelector(SEND) as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(events).toEqual(['sent:Our reply']);
  });

  it('stops listening when its signal aborts', () => {
    const events: string[] = [];
    observeSend(document, () => events.push('sent'), () => events.push('discarded'), controller.signal);
    controller.abort();
    (document.querySelector(SEND) as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(events).toEqual([]);
  });
});
