import { z } from 'zod';

export const participantSchema = z.object({ name: z.string(), email: z.string() });
export type Participant = z.infer<typeof participantSchema>;

export const messageStateSchema = z.enum(['expanded', 'collapsed', 'hidden']);

/** One message of a Gmail thread as the reader saw it. Text only: never HTML. */
export const threadMessageSchema = z.object({
  messageId: z.string(),
  legacyId: z.string().nullable(),
  from: participantSchema,
  to: z.array(participantSchema),
  /** ISO time, read from the date tooltip as if UTC (Gmail shows the account's zone). */
  date: z.string().nullable(),
  state: messageStateSchema,
  /** The new text of an expanded message, without quoted history or signature; null when not expanded. */
  bodyText: z.string().nullable(),
  /** Gmail's one-line preview of a collapsed message, when shown. */
  snippet: z.string().nullable(),
  hasQuotedHistory: z.boolean(),
  quotedText: z.string().nullable(),
  signature: z.string().nullable(),
});
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

export const gmailThreadSchema = z.object({
  view: z.enum(['thread', 'preview']),
  threadId: z.string(),
  permThreadId: z.string().nullable(),
  subject: z.string(),
  participants: z.array(participantSchema),
  messages: z.array(threadMessageSchema),
  replyEditorOpen: z.boolean(),
});
export type GmailThread = z.infer<typeof gmailThreadSchema>;

/** What the Gmail reader reports: a thread, the list (no thread open), or why it could not read. */
export const gmailReadSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('thread'), thread: gmailThreadSchema }),
  z.object({ kind: z.literal('list') }),
  z.object({ kind: z.literal('unreadable'), reason: z.string() }),
]);
export type GmailRead = z.infer<typeof gmailReadSchema>;
