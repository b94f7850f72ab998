import { describe, expect, it } from 'vitest';
import { readGmail } from '@/lib/sites/gmail/read-thread';
import { toTruthFormat } from '@/lib/sites/gmail/truth-format';
import type { GmailRead, GmailReadStep, GmailThread } from '@/lib/schemas/thread';
import { FIXTURE_NAMES, comparable, fixtureTruth, happyDomDocument, jsdomDocument } from './fixtures';

function threadOf(read: GmailRead): GmailThread {
  if (read.kind !== 'thread') throw new Error(`expected a thread, got ${JSON.stringify(read)}`);
  return read.thread;
}

function unreadableOf(read: GmailRead): Extract<GmailRead, { kind: 'unreadable' }> {
  if (read.kind !== 'unreadable') throw new Error(`expected unreadable, got ${read.kind}`);
  return read;
}

describe('readGmail on every saved page matches its truth', () => {
  it('has pages to check', () => {
    expect(FIXTURE_NAMES.length).toBeGreaterThanOrEqual(9);
  });

  for (const name of FIXTURE_NAMES) {
    for (const [dom, load] of [['jsdom', jsdomDocument], ['happy-dom', happyDomDocument]] as const) {
      it(`${name} (${dom})`, () => {
        const truth = fixtureTruth(name);
        const read = toTruthFormat(readGmail(load(name)));
        expect(comparable(read)).toEqual(comparable(truth));
        // Nothing invented for collapsed messages: the page shows no recipients or signature for them.
        if (read.view === 'thread' || read.view === 'preview') {
          for (const message of read.messages.filter((m) => m.state !== 'expanded')) {
            expect(message.to).toEqual([]);
            expect(message.signature).toBeNull();
            expect(message).not.toHaveProperty('bodyText');
          }
        }
      });
    }
  }
});

describe('readGmail details', () => {
  it('keeps signature line breaks, quoted history and ids', () => {
    const thread = threadOf(readGmail(jsdomDocument('thread-2024-layout-refund')));
    const last = thread.messages.at(-1);
    expect(last?.signature).toBe('Marcus Oyelaran\nOperations Lead, Brightlane Studio\n+1 415 555 0134');
    expect(last?.hasQuotedHistory).toBe(true);
    expect(last?.quotedText).toBe(
      'On Mon, Mar 4, 2024 at 10:02 AM Dana Reyes <dana.reyes@northwind-supply.example> wrote:\nHi Marcus, thanks for reaching out. Could you confirm the workspace URL so I can look up the invoice?',
    );
    expect(last?.bodyText).not.toContain('thanks for reaching out');
    expect(thread.permThreadId).toBe('thread-f:1043928614543277843');
  });

  it('gives collapsed messages their snippet and no body', () => {
    const first = threadOf(readGmail(jsdomDocument('thread-rfq-export'))).messages[0];
    expect(first?.state).toBe('collapsed');
    expect(first?.bodyText).toBeNull();
    expect(first?.snippet).toMatch(/^Dear Dana, we are sourcing 304 stainless steel butt hinges/);
  });

  it('lists participants once each, in order of appearance', () => {
    const thread = threadOf(readGmail(jsdomDocument('thread-long-meeting-followup')));
    expect(thread.participants.map((p) => p.email)).toEqual([
      'lena.fischer@orbitworks.example',
      'dana.reyes@northwind-supply.example',
      'tom.becker@northwind-supply.example',
      'sara.lind@orbitworks.example',
    ]);
  });

  it('skips the "N older messages" group but reads a hidden item that holds a message', () => {
    const doc = jsdomDocument('thread-long-meeting-followup');
    expect(threadOf(readGmail(doc)).messages).toHaveLength(12);
    const collapsed = doc.querySelector('.kv[role=listitem]');
    collapsed?.classList.replace('kv', 'kQ');
    const messages = threadOf(readGmail(doc)).messages;
    expect(messages).toHaveLength(12);
    expect(messages[0]?.state).toBe('hidden');
  });

  it('restores emoji in the subject from data-emoji', () => {
    const doc = jsdomDocument('thread-german-customer');
    const subject = doc.querySelector('h2.hP');
    const emoji = doc.createElement('img');
    emoji.setAttribute('data-emoji', '🚚');
    emoji.setAttribute('alt', '🚚');
    subject?.append(' ', emoji);
    expect(threadOf(readGmail(doc)).subject).toBe('Lieferverzögerung Bestellung 88412 🚚');
  });

  it('gives a just-sent reply (no legacy id) a null legacyId', () => {
    const doc = jsdomDocument('thread-with-inline-reply-open');
    doc.querySelector('[data-legacy-message-id]')?.removeAttribute('data-legacy-message-id');
    expect(threadOf(readGmail(doc)).messages[0]?.legacyId).toBeNull();
  });

  it('reads the visible main view when Gmail keeps a hidden one from an earlier view', () => {
    const doc = jsdomDocument('thread-german-customer');
    const main = doc.querySelector('[role=main]');
    const staleView = doc.createElement('div');
    staleView.style.display = 'none';
    const staleMain = doc.createElement('div');
    staleMain.setAttribute('role', 'main');
    staleView.append(staleMain);
    main?.parentElement?.before(staleView);
    expect(threadOf(readGmail(doc)).threadId).toBe('62db23c417d7b906');
  });

  it('reads a .kx hidden item (2026) as hidden', () => {
    const doc = jsdomDocument('thread-2026-layout-damaged');
    doc.querySelector('.kv[role=listitem]')?.classList.replace('kv', 'kx');
    expect(threadOf(readGmail(doc)).messages.map((m) => m.state)).toEqual(['hidden', 'collapsed', 'expanded']);
  });

  it('treats a perm id of "undefined" (or none) as missing, and still reads the thread', () => {
    const doc = jsdomDocument('thread-2026-inline-reply-open');
    expect(threadOf(readGmail(doc)).permThreadId).toBe('thread-f:250401610567308057');
    doc.querySelector('h2.hP')?.setAttribute('data-thread-perm-id', 'undefined');
    expect(threadOf(readGmail(doc)).permThreadId).toBeNull();
    doc.querySelector('h2.hP')?.removeAttribute('data-thread-perm-id');
    expect(threadOf(readGmail(doc)).threadId).toBe('3799af0290cd3195');
  });

  it('reads the 2026 split-pane preview (no .g.id) as a preview, and the 2026 open reply as open', () => {
    expect(threadOf(readGmail(jsdomDocument('split-pane-preview-2026'))).view).toBe('preview');
    expect(threadOf(readGmail(jsdomDocument('thread-2026-inline-reply-open'))).replyEditorOpen).toBe(true);
  });

  it('takes the sender from the message header, never from a chip inside the body', () => {
    const doc = jsdomDocument('thread-2026-inline-reply-open');
    const planted = doc.createElement('h3');
    const chip = doc.createElement('span');
    chip.setAttribute('email', 'attacker@evil.example');
    planted.append(chip);
    doc.querySelector('.a3s')?.prepend(planted);
    expect(threadOf(readGmail(doc)).messages[0]?.from.email).toBe('pieter@dijkstra-tools.example');
  });

  it("reads the names of an open message's attachments, not a chip planted in its body", () => {
    const attachmentsOf = (name: string, load = jsdomDocument) => threadOf(readGmail(load(name))).messages.map((m) => m.attachments ?? null);
    for (const load of [jsdomDocument, happyDomDocument]) {
      expect(attachmentsOf('thread-2026-layout-damaged', load)).toEqual([null, null, ['bowl.jpg', 'box.jpg']]);
      expect(attachmentsOf('thread-with-inline-reply-open', load).at(-1)).toEqual(['basket-1.jpg', 'basket-2.jpg']);
      expect(attachmentsOf('thread-2024-layout-refund', load).filter((a) => a !== null).flat()).toEqual([]);
    }
    // Without download_url, the name shown; a chip inside the body is the sender's markup, not an attachment.
    const doc = jsdomDocument('thread-2026-layout-damaged');
    doc.querySelector('span.aZo')?.removeAttribute('download_url');
    const planted = doc.createElement('span');
    planted.className = 'aZo';
    planted.setAttribute('download_url', 'image/jpeg:invented.jpg:https://evil.example/x');
    doc.querySelector('.a3s')?.append(planted);
    expect(threadOf(readGmail(doc)).messages[2]?.attachments).toEqual(['bowl.jpg', 'box.jpg']);
  });

  it('finds no hidden text in the saved pages', () => {
    for (const name of FIXTURE_NAMES.filter((n) => fixtureTruth(n).view !== 'list')) {
      const counts = threadOf(readGmail(jsdomDocument(name))).messages.map((m) => m.hiddenTextRemoved);
      expect(counts, name).toEqual(counts.map(() => 0));
    }
  });

  it('leaves hidden preheader text out of bodies', () => {
    const doc = jsdomDocument('thread-html-newsletter');
    const preheader = doc.createElement('div');
    preheader.style.display = 'none';
    preheader.textContent = 'Preheader nobody sees';
    doc.querySelector('.a3s')?.prepend(preheader);
    const message = threadOf(readGmail(doc)).messages[0];
    expect(message?.bodyText).not.toContain('Preheader');
    expect(message?.hiddenTextRemoved).toBe(1);
  });
});

/** A page read the same as its truth, whitespace aside. */
function expectTruth(doc: Document, name: string): void {
  expect(comparable(toTruthFormat(readGmail(doc)))).toEqual(comparable(fixtureTruth(name)));
}

/** Renames a class token everywhere, the way Gmail's 2026 A/B tests do ("Ht" becomes "Ht-<hash>"). */
function renameClass(doc: Document, from: string, to: string): void {
  doc.querySelectorAll(`.${from}`).forEach((element) => element.classList.replace(from, to));
}

describe('readGmail survives class changes: roles and attributes come first', () => {
  const cases: Array<[string, string, (doc: Document) => void]> = [
    ['sender class renamed', 'thread-legacy-tablebs-billing-dispute', (doc) => renameClass(doc, 'gD', 'zz9')],
    ['subject class renamed', 'thread-german-customer', (doc) => renameClass(doc, 'hP', 'xQ1')],
    ['thread container class renamed', 'thread-rfq-export', (doc) => renameClass(doc, 'a98', 'b12')],
    ['message list role dropped (2024)', 'thread-html-newsletter', (doc) => doc.querySelector('[role=list]')?.removeAttribute('role')],
    ['message list role dropped (2026)', 'thread-2026-layout-damaged', (doc) => doc.querySelector('[role=list]')?.removeAttribute('role')],
    ['message classes renamed', 'split-pane-preview', (doc) => doc.querySelectorAll('.ads').forEach((el) => el.classList.remove('ads'))],
    ['body class renamed', 'thread-2024-layout-refund', (doc) => renameClass(doc, 'a3s', 'q0')],
    ['item state classes hash-renamed', 'thread-long-meeting-followup', (doc) => {
      for (const token of ['h7', 'kv']) renameClass(doc, token, `${token}-9f3a1c`);
    }],
    ['many tokens hash-renamed at once (2026)', 'split-pane-preview-2026', (doc) => {
      for (const token of ['a98', 'hP', 'gD', 'g2', 'h7', 'adn', 'ads', 'a3s', 'aHU', 'hx']) renameClass(doc, token, `${token}-b7e2`);
    }],
  ];
  for (const [what, name, mutate] of cases) {
    it(`${what}: ${name} still reads as its truth`, () => {
      const doc = jsdomDocument(name);
      mutate(doc);
      expectTruth(doc, name);
    });
  }
});

describe('readGmail on markup it does not expect names the step that failed', () => {
  const cases: Array<[string, string, (doc: Document) => void, GmailReadStep, RegExp]> = [
    ['senders removed', 'thread-2024-layout-refund', (doc) => doc.querySelectorAll('span.gD').forEach((el) => el.remove()), 'sender', /no message sender found/],
    ['sender address attributes gone', 'thread-2026-layout-damaged', (doc) => doc.querySelectorAll('h3 span[email]').forEach((el) => el.removeAttribute('email')), 'sender', /no message sender found/],
    ['subject gone from a container holding messages', 'thread-german-customer', (doc) => doc.querySelector('h2.hP')?.remove(), 'subject', /no subject found/],
    ['thread id gone', 'thread-german-customer', (doc) => doc.querySelector('h2.hP')?.removeAttribute('data-legacy-thread-id'), 'threadId', /no thread id/],
    ['thread id gone (2026)', 'thread-2026-inline-reply-open', (doc) => doc.querySelector('h2.hP')?.removeAttribute('data-legacy-thread-id'), 'threadId', /no thread id/],
    ['message list role and place both changed', 'thread-2026-layout-damaged', (doc) => {
      doc.querySelector('[role=list]')?.removeAttribute('role');
      renameClass(doc, 'hx', 'hx2');
    }, 'list', /no message list found/],
    ['container class and message list both changed', 'thread-rfq-export', (doc) => {
      renameClass(doc, 'a98', 'b12');
      doc.querySelector('[role=list]')?.removeAttribute('role');
      renameClass(doc, 'aHU', 'q1');
    }, 'container', /no thread container found/],
    ['message elements unrecognisable', 'thread-with-inline-reply-open', (doc) => {
      doc.querySelectorAll('[data-message-id]').forEach((el) => el.removeAttribute('data-message-id'));
      doc.querySelectorAll('.ads').forEach((el) => el.classList.remove('ads'));
    }, 'item', /no message found/],
    ['message ids gone', 'thread-with-inline-reply-open', (doc) => doc.querySelectorAll('[data-message-id]').forEach((el) => el.removeAttribute('data-message-id')), 'messageId', /a message has no id/],
    ['body and its wrapper renamed', 'thread-2024-layout-refund', (doc) => {
      renameClass(doc, 'a3s', 'q0');
      renameClass(doc, 'ii', 'q1');
    }, 'body', /an open message has no body/],
  ];
  for (const [what, name, mutate, step, reason] of cases) {
    it(`${what} → unreadable at step "${step}"`, () => {
      const doc = jsdomDocument(name);
      mutate(doc);
      const read = unreadableOf(readGmail(doc));
      expect(read.step).toBe(step);
      expect(read.reason).toMatch(reason);
      expect(read.detail).toMatch(reason);
      expect(read.reason).toMatch(/^Gmail's thread layout changed/);
    });
  }

  it('a page without a main view is unreadable at step "page", not an exception', () => {
    const doc = jsdomDocument('inbox-list');
    doc.querySelector('[role=main]')?.removeAttribute('role');
    const read = unreadableOf(readGmail(doc));
    expect(read.step).toBe('page');
    expect(read.reason).toMatch(/main view was not found/);
  });

  it('an empty thread container (a preview pane with nothing selected) is the list, not a failure', () => {
    const doc = jsdomDocument('split-pane-preview-2026');
    doc.querySelector('.a98.iY')?.replaceChildren();
    expect(readGmail(doc)).toEqual({ kind: 'list' });
  });

  it('reasons never carry mail text', () => {
    const doc = jsdomDocument('thread-2024-layout-refund');
    doc.querySelectorAll('span.gD').forEach((el) => el.remove());
    expect(JSON.stringify(readGmail(doc))).not.toMatch(/Marcus|refund|INV-|brightlane/i);
  });
});
