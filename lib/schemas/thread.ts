import { z } from 'zod';
import { lazySchema } from './lazy-schema';

export const participantSchema = lazySchema(() => z.object({ name: z.string(), email: z.string() }));
export type Participant = z.infer<typeof participantSchema>;

export const messageStateSchema = lazySchema(() => z.enum(['expanded', 'collapsed', 'hidden']));

/** One message of a Gmail thread as the reader saw it. Text only: never HTML. */
export const threadMessageSchema = lazySchema(() => z.object({
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
  /**
   * How many pieces of text the sender hid with inline styles (invisible, zero-size, off-screen, same colour as
   * the background...) were left out of this message's texts. Above 0, the product can flag the message.
   */
  hiddenTextRemoved: z.number().int().nonnegative(),
  /** File names attached to an open message (a photo of the damage, an invoice); absent when not expanded. */
  attachments: z.array(z.string().max(200)).max(50).optional(),
}));
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

export const gmailThreadSchema = lazySchema(() => z.object({
  view: z.enum(['thread', 'preview']),
  threadId: z.string(),
  permThreadId: z.string().nullable(),
  subject: z.string(),
  participants: z.array(participantSchema),
  messages: z.array(threadMessageSchema),
  replyEditorOpen: z.boolean(),
}));
export type GmailThread = z.infer<typeof gmailThreadSchema>;

/**
 * The step of reading Gmail's page that failed, in reading order: the main view, the thread container, its
 * subject and thread id, the message list, its items, then per message its id, sender and body. "shape": what
 * was read did not pass the schema; "internal": the reader itself failed.
 */
export const gmailReadStepSchema = lazySchema(() => z.enum(['page', 'container', 'subject', 'threadId', 'list', 'item', 'messageId', 'sender', 'body', 'shape', 'internal']));
export type GmailReadStep = z.infer<typeof gmailReadStepSchema>;

/** What the Gmail reader reports: a thread, the list (no thread open), or why it could not read. */
export const gmailReadSchema = lazySchema(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('thread'), thread: gmailThreadSchema }),
  z.object({ kind: z.literal('list') }),
  z.object({
    kind: z.literal('unreadable'),
    /** A sentence for the rep. Never mail text. */
    reason: z.string(),
    /** Which step failed. */
    step: gmailReadStepSchema,
    /** The reader's own short words for what was missing ("no message list found"). Never mail text. */
    detail: z.string(),
  }),
]));
export type GmailRead = z.infer<typeof gmailReadSchema>;

/**
 * A failed read as it may be stored and counted (audit log, options page): the step, the reader's own words and
 * which known layout markers the page had. Only booleans and fixed words: no mail text, no ids, no addresses.
 */
export const gmailReadDiagnosticSchema = lazySchema(() => z.object({
  site: z.literal('gmail'),
  step: gmailReadStepSchema,
  detail: z.string().max(200),
  /** The date of the newest public source the selectors were checked against. */
  selectorsConfirmed: z.string(),
  markers: z.object({
    mainView: z.boolean(),
    threadHeading: z.boolean(),
    threadContainer: z.boolean(),
    legacyThreadContainer: z.boolean(),
    previewPane: z.boolean(),
    messageListByRole: z.boolean(),
    messageListByClass: z.boolean(),
    messageById: z.boolean(),
    messageByClass: z.boolean(),
    sender: z.boolean(),
    body: z.boolean(),
  }),
}));
export type GmailReadDiagnostic = z.infer<typeof gmailReadDiagnosticSchema>;
