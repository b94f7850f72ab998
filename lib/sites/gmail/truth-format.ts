// The shape of tests/fixtures/gmail/*.truth.json: what a correct reader extracts from a saved Gmail page.
// The inspect script prints reads in this shape and the tests compare reads with the truth in it.

import { z } from 'zod';
import { gmailReadStepSchema, threadMessageSchema, type GmailRead } from '@/lib/schemas/thread';

export const truthMessageSchema = threadMessageSchema
  .pick({ messageId: true, legacyId: true, from: true, to: true, date: true, state: true, hasQuotedHistory: true, signature: true })
  /** Present for expanded messages only. */
  .extend({ bodyText: z.string().optional() });

export const gmailTruthSchema = z.discriminatedUnion('view', [
  z.object({
    view: z.enum(['thread', 'preview']),
    threadId: z.string(),
    subject: z.string(),
    messages: z.array(truthMessageSchema),
    replyEditorOpen: z.boolean(),
  }),
  z.object({ view: z.literal('list') }),
  /** Only printed by gmail:inspect (no saved page is unreadable): the reason, the failed step and the reader's words. */
  z.object({ view: z.literal('unreadable'), reason: z.string(), step: gmailReadStepSchema, detail: z.string() }),
]);
export type GmailTruth = z.infer<typeof gmailTruthSchema>;

/** A read in the truth format (fields the truth does not carry, such as snippets and participants, are left out). */
export function toTruthFormat(read: GmailRead): GmailTruth {
  if (read.kind === 'list') return { view: 'list' };
  if (read.kind === 'unreadable') return { view: 'unreadable', reason: read.reason, step: read.step, detail: read.detail };
  const { thread } = read;
  return {
    view: thread.view,
    threadId: thread.threadId,
    subject: thread.subject,
    messages: thread.messages.map((message) => ({
      messageId: message.messageId,
      legacyId: message.legacyId,
      from: message.from,
      to: message.to,
      date: message.date,
      state: message.state,
      ...(message.state === 'expanded' && message.bodyText !== null ? { bodyText: message.bodyText } : {}),
      hasQuotedHistory: message.hasQuotedHistory,
      signature: message.signature,
    })),
    replyEditorOpen: thread.replyEditorOpen,
  };
}
