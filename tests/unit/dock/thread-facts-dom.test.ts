// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ThreadFacts } from '@/components/panel/thread-facts';
import { threadFactsElement } from '@/components/dock/thread-facts-dom';
import { readGmail } from '@/lib/sites/gmail/read-thread';
import type { GmailThread } from '@/lib/schemas/thread';
import { FIXTURE_NAMES, fixtureTruth, jsdomDocument } from '../sites/gmail/fixtures';

function thread(name: string): GmailThread {
  const read = readGmail(jsdomDocument(name));
  if (read.kind !== 'thread') throw new Error(`${name} did not read as a thread: ${read.kind}`);
  return read.thread;
}

const fact = (root: HTMLElement, name: string) => root.querySelector(`[data-testid=fact-${name}]`)?.textContent;

describe('the dock’s thread facts (shown before the React panel, and by it)', () => {
  it('shows what was read from a saved Gmail thread', () => {
    const truth = fixtureTruth('thread-2026-layout-damaged');
    if (truth.view !== 'thread' && truth.view !== 'preview') throw new Error('expected a thread fixture');
    const facts = threadFactsElement(thread('thread-2026-layout-damaged'));
    expect(fact(facts, 'subject')).toBe(truth.subject);
    expect(fact(facts, 'thread-id')).toBe(truth.threadId);
    const messages = truth.messages!;
    expect(fact(facts, 'messages')).toBe(`${messages.length} (${messages.filter((m) => m.state === 'expanded').length} open)`);
    for (const m of messages) expect(fact(facts, 'participants')).toContain(m.from.email);
  });

  it('puts mail text in as text, never as markup', () => {
    const hostile = { ...thread('thread-2026-layout-damaged'), subject: '<img src=x onerror="alert(1)">Refund' };
    hostile.participants = [{ name: '<b>Eve</b>', email: 'eve@example.invalid' }];
    const facts = threadFactsElement(hostile);
    expect(fact(facts, 'subject')).toBe('<img src=x onerror="alert(1)">Refund');
    expect(facts.querySelector('img, b')).toBeNull();
    expect(fact(facts, 'participants')).toContain('<b>Eve</b>');
  });

  it.each(FIXTURE_NAMES.filter((name) => fixtureTruth(name).view !== 'list'))('is the React panel’s markup for %s', (name) => {
    const read = thread(name);
    const react = document.createElement('div');
    react.innerHTML = renderToStaticMarkup(createElement(ThreadFacts, { thread: read }));
    const dock = document.createElement('div');
    dock.append(threadFactsElement(read));
    expect(dock.innerHTML).toBe(react.innerHTML);
  });
});
