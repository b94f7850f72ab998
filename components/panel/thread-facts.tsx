import type { GmailThread } from '@/lib/schemas/thread';
import { formatMessageTime } from '@/lib/ui/formats';

/**
 * What the extension read from the open thread, compact: the rep can check it against the page. The dock shows the
 * same markup before this panel has loaded (components/dock/thread-facts-dom.ts; a unit test keeps the two equal).
 */
export function ThreadFacts({ thread }: { thread: GmailThread }) {
  const latest = thread.messages.at(-1);
  const expanded = thread.messages.filter((m) => m.state === 'expanded').length;
  // Text styled to be invisible (font-size:0, white on white, off-screen...) is meant for a machine, not the rep.
  const hidden = thread.messages.filter((m) => m.hiddenTextRemoved > 0);
  return (
    <div className="thread" data-testid="thread-facts">
      <p className="thread__subject" data-testid="fact-subject">
        {thread.subject || '(no subject)'}
      </p>
      <p className="muted small">
        <span data-testid="fact-messages">
          {thread.messages.length} ({expanded} open)
        </span>{' '}
        messages
        {latest && (
          <>
            {' · latest '}
            <span data-testid="fact-latest">
              {latest.from.name || latest.from.email}
              {latest.date && `, ${formatMessageTime(latest.date)} UTC`}
            </span>
          </>
        )}
        {thread.replyEditorOpen && ' · a reply is open'}
      </p>
      {hidden.length > 0 && (
        <p className="blockers small" role="note" data-testid="hidden-text">
          Hidden text in this message: {hidden.map((m) => `${m.from.name || m.from.email} hid ${m.hiddenTextRemoved === 1 ? 'one piece' : `${m.hiddenTextRemoved} pieces`} of text from view`).join('; ')}. It was left out of
          what the engines read; treat the mail with care.
        </p>
      )}
      <details className="thread__more">
        <summary>
          {thread.participants.length} participants · thread <span className="mono">{thread.threadId.slice(0, 8)}…</span>
        </summary>
        <ul className="people" data-testid="fact-participants">
          {thread.participants.map((p) => (
            <li key={p.email}>
              {p.name || p.email} <span className="muted">&lt;{p.email}&gt;</span>
            </li>
          ))}
        </ul>
        <p className="small">
          Thread id{' '}
          <span className="mono" data-testid="fact-thread-id">
            {thread.threadId}
          </span>
        </p>
      </details>
    </div>
  );
}
