import { describe, expect, it } from 'vitest';
import { readGmail } from '@/lib/sites/gmail/read-thread';
import { toTruthFormat } from '@/lib/sites/gmail/truth-format';
import type { GmailRead, GmailThread } from '@/lib/schemas/thread';
import { FIXTURE_NAMES, comparable, fixtureTruth, happyDomDocument, jsdomDocument } from './fixtures';

function threadOf(read: GmailRead): GmailThread {
  if (read.kind !== 'thread') throw new Error(`expected a thread, got ${JSON.stringify(read)}`);
  return read.thread;
}

function reasonOf(read: GmailRead): string {
  if (read.kind !== 'unreadable') throw new Error(`expected unreadable, got ${read.kind}`);
  return read.reason;
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

  it('leaves hidden preheader text out of bodies', () => {
    const doc = jsdomDocument('thread-html-newsletter');
    const preheader = doc.createElement('div');
    preheader.style.display = 'none';
    preheader.textContent = 'Preheader nobody sees';
    doc.querySelector('.a3s')?.prepend(preheader);
    expect(threadOf(readGmail(doc)).messages[0]?.bodyText).not.toContain('Preheader');
  });
});

describe('readGmail on markup it does not expect', () => {
  const cases: Array<[string, string, (doc: Document) => void, RegExp]> = [
    ['senders removed', 'thread-2024-layout-refund', (doc) => doc.querySelectorAll('span.gD').forEach((el) => el.remove()), /no message sender found/],
    ['sender class renamed', 'thread-legacy-tablebs-billing-dispute', (doc) => doc.querySelectorAll('span.gD').forEach((el) => el.classList.replace('gD', 'zz9')), /no message sender found/],
    ['subject class renamed', 'thread-german-customer', (doc) => doc.querySelector('h2.hP')?.classList.replace('hP', 'xQ1'), /no subject found/],
    ['thread container class renamed', 'thread-rfq-export', (doc) => doc.querySelector('.a98')?.classList.replace('a98', 'b12'), /no thread container found/],
    ['message list role dropped', 'thread-html-newsletter', (doc) => doc.querySelector('[role=list]')?.removeAttribute('role'), /no message list found/],
    ['message classes renamed', 'split-pane-preview', (doc) => doc.querySelectorAll('.ads').forEach((el) => el.classList.remove('ads')), /no message found/],
    ['message ids gone', 'thread-with-inline-reply-open', (doc) => doc.querySelectorAll('[data-message-id]').forEach((el) => el.removeAttribute('data-message-id')), /a message has no id/],
    ['body class renamed', 'thread-2024-layout-refund', (doc) => doc.querySelector('.a3s')?.classList.replace('a3s', 'q0'), /an open message has no body/],
    ['thread id gone', 'thread-german-customer', (doc) => doc.querySelector('h2.hP')?.removeAttribute('data-legacy-thread-id'), /no thread id/],
  ];
  for (const [what, name, mutate, reason] of cases) {
    it(`${what} → unreadable with a reason`, () => {
      const doc = jsdomDocument(name);
      mutate(doc);
      const text = reasonOf(readGmail(doc));
      expect(text).toMatch(reason);
      expect(text).toMatch(/^Gmail's thread layout changed/);
    });
  }

  it('a page without a main view is unreadable, not an exception', () => {
    const doc = jsdomDocument('inbox-list');
    doc.querySelector('[role=main]')?.removeAttribute('role');
    expect(reasonOf(readGmail(doc))).toMatch(/main view was not found/);
  });

  it('reasons never carry mail text', () => {
    const doc = jsdomDocument('thread-2024-layout-refund');
    doc.querySelectorAll('span.gD').forEach((el) => el.remove());
    expect(reasonOf(readGmail(doc))).not.toMatch(/Marcus|refund|INV-/i);
  });
});
