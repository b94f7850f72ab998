// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observeGmail } from '@/lib/sites/gmail/observe';
import type { GmailRead } from '@/lib/schemas/thread';
import { fixtureHtml, showFixture } from './fixtures';

/** Lets pending mutation callbacks run, the task after them and the frames in which the observer reads. */
async function settle(): Promise<void> {
  await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The next task (a timer), which comes before the next animation frame. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A new frame with no read yet, so the next mutation is read in the next task. */
const quietFrame = () => new Promise((resolve) => setTimeout(resolve, 20));

/** Gmail re-rendering a thread into the existing main view: the thread view's children are moved in. */
function paintThreadIntoMainView(fixture: string): void {
  const main = document.querySelector('[role=main]');
  const parsed = new DOMParser().parseFromString(fixtureHtml(fixture), 'text/html');
  const threadMain = parsed.querySelector('[role=main]');
  main?.replaceChildren(...Array.from(threadMain?.childNodes ?? []).map((node) => document.importNode(node, true)));
}

function navigate(fixture: string, hash: string): void {
  showFixture(fixture);
  location.hash = hash;
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

function summary(read: GmailRead | undefined): string {
  if (read === undefined) return 'none';
  if (read.kind !== 'thread') return read.kind;
  return `${read.thread.view}:${read.thread.threadId}:${read.thread.messages.length}`;
}

describe('observeGmail', () => {
  let reads: GmailRead[];
  let controller: AbortController;

  beforeEach(() => {
    reads = [];
    controller = new AbortController();
  });
  afterEach(() => controller.abort());

  it('reports the thread, then the list, then another thread as Gmail navigates', async () => {
    showFixture('thread-2024-layout-refund');
    observeGmail(window, (read) => reads.push(read), controller.signal);
    await settle();
    expect(reads.map(summary)).toEqual(['thread:e7cc78b40b7bf13c:3']);

    navigate('inbox-list', '#inbox');
    await settle();
    navigate('thread-rfq-export', '#inbox/FMfcgzQVxRfq');
    await settle();
    navigate('split-pane-preview', '#inbox/FMfcgzQVxPre');
    await settle();
    expect(reads.map(summary)).toEqual(['thread:e7cc78b40b7bf13c:3', 'list', 'thread:820a37957b2c554b:2', 'preview:06df83146696dbc6:1']);
  });

  it('follows a view swap inside the main view without a hash change', async () => {
    showFixture('inbox-list');
    observeGmail(window, (read) => reads.push(read), controller.signal);
    await settle();
    paintThreadIntoMainView('thread-german-customer');
    await settle();
    expect(reads.map(summary)).toEqual(['list', 'thread:62db23c417d7b906:1']);
  });

  it('reads a burst of 100 mutations once, in the task after it', async () => {
    showFixture('thread-2024-layout-refund');
    observeGmail(window, (read) => reads.push(read), controller.signal);
    await settle();
    await quietFrame();
    const list = document.querySelector('[role=list]');
    const template = list?.lastElementChild;
    expect(template?.nodeType).toBe(1);
    // 100 new replies, each in its own microtask so each one reaches the mutation observer separately.
    for (let i = 0; i < 100; i += 1) {
      const reply = template?.cloneNode(true) as Element;
      reply.querySelector('[data-message-id]')?.setAttribute('data-message-id', `#msg-f:9000${i}`);
      list?.append(reply);
      await Promise.resolve();
    }
    await settle();
    // The burst happens in microtasks of one task: it is read once, in the task after it.
    expect(reads.map(summary)).toEqual(['thread:e7cc78b40b7bf13c:3', 'thread:e7cc78b40b7bf13c:103']);
  });

  it('reads a thread painted after a quiet frame in the next task, before the next frame (the panel shows it in the same paint)', async () => {
    showFixture('inbox-list');
    observeGmail(window, (read) => reads.push(read), controller.signal);
    await settle();
    await quietFrame();
    paintThreadIntoMainView('thread-german-customer');
    // Not inside the task that changed the page, but in the next one, before any animation frame.
    await Promise.resolve();
    expect(reads.map((r) => r.kind)).toEqual(['list']);
    await nextTask();
    expect(reads.map((r) => r.kind)).toEqual(['list', 'thread']);
  });

  it('reads a thread painted right after a navigation in the next task, though the navigation asked for a read in the next frame', async () => {
    showFixture('inbox-list');
    observeGmail(window, (read) => reads.push(read), controller.signal);
    await settle();
    await quietFrame();
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    paintThreadIntoMainView('thread-german-customer');
    await Promise.resolve();
    await nextTask();
    expect(reads.map((r) => r.kind)).toEqual(['list', 'thread']);
  });

  it('re-reads when a collapsed message is expanded', async () => {
    showFixture('thread-rfq-export');
    observeGmail(window, (read) => reads.push(read), controller.signal);
    await settle();
    const collapsed = document.querySelector('.kv[role=listitem]');
    collapsed?.classList.replace('kv', 'kQ');
    await settle();
    expect(reads).toHaveLength(2);
    const last = reads.at(-1);
    expect(last?.kind === 'thread' && last.thread.messages[0]?.state).toBe('hidden');
  });

  it('does not report when nothing it reads changed, nor for typing in the reply', async () => {
    showFixture('thread-with-inline-reply-open');
    observeGmail(window, (read) => reads.push(read), controller.signal);
    await settle();
    expect(reads).toHaveLength(1);
    const toolbar = document.querySelector('[role=main] [gh=mtb]');
    for (let i = 0; i < 20; i += 1) {
      toolbar?.append(document.createElement('span'));
      await Promise.resolve();
    }
    document.querySelector('[role=textbox]')?.append('typed by the rep');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await settle();
    expect(reads).toHaveLength(1);
    // Still listening: a real change is reported.
    document.querySelector('[role=main] .amn, [role=main] .ip.adB')?.remove();
    await settle();
    expect(reads).toHaveLength(2);
    expect(reads[1]?.kind === 'thread' && reads[1].thread.replyEditorOpen).toBe(false);
  });

  it('waits on the body until Gmail builds its main view, without reporting the moment before as a failure', async () => {
    document.body.replaceChildren();
    observeGmail(window, (read) => reads.push(read), controller.signal);
    await settle();
    expect(reads).toEqual([]);
    showFixture('thread-german-customer');
    await settle();
    expect(reads.map(summary)).toEqual(['thread:62db23c417d7b906:1']);
  });

  it('reports a page that stays unreadable once the settle time is over, with its step, even if nothing changes', async () => {
    document.body.replaceChildren();
    observeGmail(window, (read) => reads.push(read), controller.signal, { unreadableSettleMs: 20 });
    await settle();
    expect(reads).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    await settle();
    expect(reads.map((read) => (read.kind === 'unreadable' ? read.step : read.kind))).toEqual(['page']);
    showFixture('thread-german-customer');
    await settle();
    expect(reads.map(summary)).toEqual(['unreadable', 'thread:62db23c417d7b906:1']);
  });

  it('reads a thread whose legacy id Gmail paints after the thread renders (2026), without a reload', async () => {
    showFixture('thread-2026-inline-reply-open');
    const heading = document.querySelector('h2[data-legacy-thread-id]');
    const id = heading?.getAttribute('data-legacy-thread-id') ?? '';
    heading?.removeAttribute('data-legacy-thread-id');
    observeGmail(window, (read) => reads.push(read), controller.signal);
    await settle();
    expect(reads).toEqual([]);
    heading?.setAttribute('data-legacy-thread-id', id);
    await settle();
    expect(reads.map(summary)).toEqual(['thread:3799af0290cd3195:1']);
  });

  it('follows a perm id Gmail fills in later', async () => {
    showFixture('thread-2026-layout-damaged');
    const heading = document.querySelector('h2[data-thread-perm-id]');
    heading?.setAttribute('data-thread-perm-id', 'undefined');
    observeGmail(window, (read) => reads.push(read), controller.signal);
    await settle();
    heading?.setAttribute('data-thread-perm-id', 'thread-f:895289134649651335');
    await settle();
    expect(reads.map((read) => (read.kind === 'thread' ? read.thread.permThreadId : read.kind))).toEqual([null, 'thread-f:895289134649651335']);
  });

  it('stops when its signal aborts', async () => {
    showFixture('thread-german-customer');
    observeGmail(window, (read) => reads.push(read), controller.signal);
    await settle();
    controller.abort();
    navigate('inbox-list', '#inbox');
    await settle();
    expect(reads).toHaveLength(1);
  });
});
