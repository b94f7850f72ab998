import type { GmailThread } from '@/lib/schemas/thread';
import { formatMessageTime } from '@/lib/ui/formats';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: { className?: string; testid?: string }, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  if (attrs.className) node.className = attrs.className;
  if (attrs.testid) node.dataset.testid = attrs.testid;
  node.append(...children);
  return node;
}

/**
 * What the extension read from the open thread, compact, so the rep can check it against the page. Plain DOM and
 * text only (no HTML from the thread), so the dock shows it before the React panel has loaded. The same markup as
 * the React panel's (components/panel/thread-facts.tsx); tests/unit/dock/thread-facts-dom.test.ts keeps them equal.
 */
export function threadFactsElement(thread: GmailThread): HTMLElement {
  const latest = thread.messages.at(-1);
  const expanded = thread.messages.filter((m) => m.state === 'expanded').length;
  const summary = el('p', { className: 'muted small' }, el('span', { testid: 'fact-messages' }, `${thread.messages.length} (${expanded} open)`), ' messages');
  if (latest) {
    const when = latest.date ? `, ${formatMessageTime(latest.date)} UTC` : '';
    summary.append(' · latest ', el('span', { testid: 'fact-latest' }, `${latest.from.name || latest.from.email}${when}`));
  }
  if (thread.replyEditorOpen) summary.append(' · a reply is open');
  const people = el(
    'ul',
    { className: 'people', testid: 'fact-participants' },
    ...thread.participants.map((p) => el('li', {}, `${p.name || p.email} `, el('span', { className: 'muted' }, `<${p.email}>`))),
  );
  const more = el(
    'details',
    { className: 'thread__more' },
    el('summary', {}, `${thread.participants.length} participants · thread `, el('span', { className: 'mono' }, `${thread.threadId.slice(0, 8)}…`)),
    people,
    el('p', { className: 'small' }, 'Thread id ', el('span', { className: 'mono', testid: 'fact-thread-id' }, thread.threadId)),
  );
  return el('div', { className: 'thread', testid: 'thread-facts' }, el('p', { className: 'thread__subject', testid: 'fact-subject' }, thread.subject || '(no subject)'), summary, more);
}
