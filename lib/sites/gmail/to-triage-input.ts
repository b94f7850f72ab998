import type { GmailThread, Participant } from '@/lib/schemas/thread';
import type { TriageInput } from '@/lib/schemas/triage-input';

/** What the engines read of a Gmail thread: open messages in full, collapsed ones by Gmail's own snippet. */
export function toTriageInput(thread: GmailThread, rep: Participant | null = null): TriageInput {
  return {
    source: 'gmail',
    subject: thread.subject,
    rep,
    messages: thread.messages
      .filter((m) => m.state !== 'hidden')
      .map((m) => ({
        from: m.from,
        date: m.date,
        text: m.bodyText ?? m.snippet ?? '',
        ...(m.bodyText !== null && m.signature ? { signature: m.signature.slice(0, 2000) } : {}),
        ...(m.attachments?.length ? { attachments: m.attachments } : {}),
      })),
  };
}

export const gmailSubjectId = (thread: Pick<GmailThread, 'threadId'>) => `gmail:${thread.threadId}`;
