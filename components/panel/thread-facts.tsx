import type { GmailThread } from '@/lib/schemas/thread';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** What the extension read from the open thread: the rep can check it against the page. */
export function ThreadFacts({ thread }: { thread: GmailThread }) {
  const latest = thread.messages.at(-1);
  const expanded = thread.messages.filter((m) => m.state === 'expanded').length;
  return (
    <dl className="facts" data-testid="thread-facts">
      <dt>Subject</dt>
      <dd data-testid="fact-subject">{thread.subject || '(no subject)'}</dd>
      <dt>Thread</dt>
      <dd data-testid="fact-thread-id" className="mono">
        {thread.threadId}
      </dd>
      <dt>Messages</dt>
      <dd data-testid="fact-messages">
        {thread.messages.length} ({expanded} open)
      </dd>
      <dt>Participants</dt>
      <dd>
        <ul className="people" data-testid="fact-participants">
          {thread.participants.map((p) => (
            <li key={p.email}>
              {p.name || p.email} <span className="muted">&lt;{p.email}&gt;</span>
            </li>
          ))}
        </ul>
      </dd>
      {latest && (
        <>
          <dt>Latest</dt>
          <dd data-testid="fact-latest">
            {latest.from.name || latest.from.email}
            {latest.date && <span className="muted"> · {dateFormat.format(new Date(latest.date))} UTC</span>}
          </dd>
        </>
      )}
      {thread.replyEditorOpen && (
        <>
          <dt>Reply</dt>
          <dd>A reply is open in Gmail</dd>
        </>
      )}
    </dl>
  );
}
