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
    // The wait is bounded by the code's own timeout; how long it takes is a bench question, not a test's.
    const result = await insertReply(document, 'Guten Tag', 'reply');
    expect(result.ok ? 'ok' : result.error.code).toBe('gmail.reply-editor-timeout');
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

/** Plays 2026 Gmail: any of the given controls opens the 2026 reply form in place of the visible reply bar. Records what was clicked. */
function gmail2026OpensReplyOn(controlSelector: string): { clicked: () => Element[] } {
  const clicked: Element[] = [];
  const source = new DOMParser().parseFromString(fixtureHtml('thread-2026-inline-reply-open'), 'text/html');
  const replyForm = source.querySelector('.ip.adB');
  for (const control of Array.from(document.querySelectorAll(controlSelector))) {
    control.addEventListener('click', () => {
      clicked.push(control);
      setTimeout(() => {
        const bars = Array.from(document.querySelectorAll('[role=main] .amn')).filter((bar) => bar.closest('table') === null);
        const slot = bars.at(-1)?.parentElement;
        if (replyForm !== null) slot?.replaceChildren(document.importNode(replyForm, true));
      }, 30);
    });
  }
  return { clicked: () => clicked };
}

describe('insertReply on the 2026 markup', () => {
  let send: ReturnType<typeof watchSend>;
  beforeEach(() => {
    send = watchSend();
  });
  afterEach(() => send.stop());

  it('inserts into the open reply of thread-2026-inline-reply-open, never touching Send', async () => {
    showFixture('thread-2026-inline-reply-open');
    const result = await insertReply(document, 'Hi Pieter,\nnoted: Havenstraat 12.', 'reply');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.editor).toBe(document.querySelector(EDITOR));
    expect(result.value.editor.textContent).toBe('Hi Pieter,noted: Havenstraat 12.');
    expect(send.count()).toBe(0);
  });

  it('clicks the visible Reply link, not the hidden A/B copy inside a table', async () => {
    showFixture('thread-2026-layout-damaged');
    expect(document.querySelectorAll('.amn .bkH')).toHaveLength(2);
    const gmail = gmail2026OpensReplyOn('.amn .bkH');
    const result = await insertReply(document, 'Hi Hannah,\na new bowl ships today.', 'reply');
    expect(result.ok).toBe(true);
    expect(gmail.clicked()).toHaveLength(1);
    expect(gmail.clicked()[0]?.closest('table')).toBeNull();
    expect(document.querySelector(EDITOR)?.textContent).toBe('Hi Hannah,a new bowl ships today.');
    expect(send.count()).toBe(0);
  });

  it("uses the last message's Reply button (button.DILLkc) when the reply bar is gone", async () => {
    showFixture('split-pane-preview-2026');
    document.querySelectorAll('.amn').forEach((bar) => bar.remove());
    const buttons = gmail2026OpensReplyOn('button.DILLkc');
    // The opened form replaces a reply bar; give it a place as Gmail would.
    document.querySelector('[role=main] .a98.iY')?.append(Object.assign(document.createElement('div'), { className: 'amn' }));
    const result = await insertReply(document, 'Yes, a 14-day trial.', 'reply');
    expect(result.ok).toBe(true);
    expect(buttons.clicked().map((b) => b.getAttribute('aria-label'))).toEqual(['Reply']);
    expect(send.count()).toBe(0);
  });
});

/**
 * The compose controls InboxSDK's 2026 head describes beside Send but no saved page shows: Send + Archive
 * ('.IZ .Up div > div[role=button].Uo') and the "More send options" arrow ('.hG', aria-haspopup) whose menu has
 * Schedule send ('[selector="scheduledSend"]'). Added to the saved 2026 reply the way that code finds them.
 */
function addSendOptions(): { sendAndArchive: HTMLElement; arrow: HTMLElement; openMenu: () => HTMLElement } {
  const sendCell = document.querySelector('.IZ .Up') as HTMLElement;
  const wrap = document.createElement('div');
  const sendAndArchive = document.createElement('div');
  sendAndArchive.className = 'T-I J-J5-Ji Uo v7 T-I-atl L3';
  sendAndArchive.setAttribute('role', 'button');
  sendAndArchive.setAttribute('data-tooltip', 'Send + Archive');
  const arrow = document.createElement('div');
  arrow.className = 'T-I J-J5-Ji hG T-I-atl L3';
  arrow.setAttribute('role', 'button');
  arrow.setAttribute('aria-haspopup', 'true');
  arrow.setAttribute('aria-label', 'More send options');
  wrap.append(sendAndArchive, arrow);
  sendCell.append(wrap);
  // Gmail opens its menus at the end of the body, outside the compose.
  const openMenu = () => {
    const menu = document.createElement('div');
    menu.className = 'J-M';
    menu.setAttribute('role', 'menu');
    const item = document.createElement('div');
    item.setAttribute('role', 'menuitem');
    item.setAttribute('selector', 'scheduledSend');
    item.textContent = 'Schedule send';
    menu.append(item);
    document.body.append(menu);
    return item;
  };
  return { sendAndArchive, arrow, openMenu };
}

describe('observeSend sees every way Gmail sends and discards (2026 reply)', () => {
  let controller: AbortController;
  let events: string[];
  beforeEach(() => {
    controller = new AbortController();
    events = [];
    showFixture('thread-2026-inline-reply-open');
  });
  afterEach(() => controller.abort());

  const watch = (only?: Element) =>
    observeSend(document, (text, way) => events.push(`${way}:${text}`), (way) => events.push(`discard:${way}`), controller.signal, only);
  const editor = () => document.querySelector(EDITOR) as HTMLElement;
  const click = (element: Element | null) => element?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  const key = (target: Element | null, init: KeyboardEventInit) => target?.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));

  it('Send (click, Enter, Space)', () => {
    watch();
    editor().append('Noted.');
    const sendButton = document.querySelector(SEND);
    click(sendButton);
    key(sendButton, { key: 'Enter' });
    key(sendButton, { key: ' ' });
    expect(events).toEqual(['send:Noted.', 'send:Noted.', 'send:Noted.']);
  });

  it('Ctrl-Enter and Cmd-Enter anywhere in the compose, not plain Enter', () => {
    watch();
    editor().append('Noted.');
    key(editor(), { key: 'Enter', ctrlKey: true });
    key(document.querySelector('.aoD.hl'), { key: 'Enter', metaKey: true });
    key(editor(), { key: 'Enter' });
    // Outside any compose, the shortcut sends nothing.
    key(document.querySelector('h2.hP'), { key: 'Enter', ctrlKey: true });
    expect(events).toEqual(['shortcut:Noted.', 'shortcut:Noted.']);
  });

  it('Send + Archive', () => {
    const { sendAndArchive } = addSendOptions();
    watch();
    editor().append('Done, archiving.');
    click(sendAndArchive);
    key(sendAndArchive, { key: 'Enter' });
    expect(events).toEqual(['sendAndArchive:Done, archiving.', 'sendAndArchive:Done, archiving.']);
  });

  it('Schedule send: reported once Gmail closes the reply after the rep picked a time', async () => {
    const { arrow, openMenu } = addSendOptions();
    watch();
    editor().append('Sending Monday.');
    click(arrow);
    const item = openMenu();
    click(item);
    expect(events).toEqual([]);
    // The rep picks a time in Gmail's dialog (outside the compose); Gmail closes the reply.
    const dialogButton = document.body.appendChild(document.createElement('button'));
    click(dialogButton);
    document.querySelector('.ip.adB')?.remove();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events).toEqual(['scheduled:Sending Monday.']);
  });

  it('Schedule send cancelled: going back into the reply, then closing it, is no send', async () => {
    const { arrow, openMenu } = addSendOptions();
    watch();
    editor().append('Maybe later.');
    click(arrow);
    click(openMenu());
    click(editor());
    document.querySelector('.ip.adB')?.remove();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events).toEqual([]);
  });

  it('Discard: the div.oh button, its .og icon, Enter on it, and Ctrl/Cmd-Shift-D', () => {
    watch();
    const discard = document.querySelector('div.oh[role=button]');
    expect(discard?.getAttribute('aria-label')).toMatch(/^Discard draft/);
    click(discard);
    click(discard?.querySelector('.og') ?? null);
    key(discard, { key: 'Enter' });
    key(editor(), { key: 'D', code: 'KeyD', ctrlKey: true, shiftKey: true });
    key(editor(), { key: 'd', code: 'KeyD', metaKey: true, shiftKey: true });
    expect(events).toEqual(['discard:button', 'discard:button', 'discard:button', 'discard:shortcut', 'discard:shortcut']);
  });

  it('given the editor it filled, ignores every way of sending or discarding another compose', () => {
    const ours = editor();
    const compose = ours.closest('.ip.adB')!;
    const other = compose.cloneNode(true) as HTMLElement;
    compose.parentElement!.append(other);
    watch(ours);
    click(other.querySelector(SEND));
    click(other.querySelector('div.oh[role=button]'));
    key(other.querySelector(EDITOR), { key: 'Enter', ctrlKey: true });
    key(other.querySelector(EDITOR), { key: 'D', code: 'KeyD', ctrlKey: true, shiftKey: true });
    expect(events).toEqual([]);
    ours.append('Ours.');
    click(compose.querySelector('div.oh[role=button] .og'));
    expect(events).toEqual(['discard:button']);
  });

  it('still finds the compose when its classes are hash-renamed (2026 A/B)', () => {
    document.querySelectorAll('.M9, .ip.adB').forEach((element) => {
      element.classList.replace('M9', 'M9-7c2e');
      element.classList.replace('adB', 'adB-7c2e');
    });
    watch(editor());
    editor().append('Still seen.');
    click(document.querySelector(SEND));
    key(document.querySelector('h2.hP'), { key: 'Enter', ctrlKey: true });
    click(document.querySelector('div.oh[role=button] .og'));
    expect(events).toEqual(['send:Still seen.', 'discard:button']);
  });

  it('the events reach Gmail: nothing is stopped or prevented', () => {
    watch();
    const clickEvent = new MouseEvent('click', { bubbles: true, cancelable: true });
    let reached = 0;
    document.body.addEventListener('click', () => (reached += 1));
    document.querySelector(SEND)?.dispatchEvent(clickEvent);
    document.querySelector('div.oh[role=button]')?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(clickEvent.defaultPrevented).toBe(false);
    expect(reached).toBe(2);
  });
});
