import { z } from 'zod';

/**
 * Who may send a message: a content script on one of our sites, or an extension page (options).
 * Messages that change admin state or touch secrets are extension-page only.
 */
export type Audience = 'content' | 'extension-page' | 'any';

interface MessageDef<Req extends z.ZodType, Res extends z.ZodType> {
  audience: Audience;
  request: Req;
  response: Res;
}
const def = <Req extends z.ZodType, Res extends z.ZodType>(audience: Audience, request: Req, response: Res): MessageDef<Req, Res> => ({
  audience,
  request,
  response,
});

const subjectId = z.string().min(1).max(300);

/** Every request/response pair between content scripts, options and background. */
export const messages = {
  'thread.seen': def(
    'content',
    z.object({ id: subjectId, subject: z.string().max(1000) }),
    z.object({ firstSeen: z.number(), lastTriaged: z.number().nullable(), isNew: z.boolean() }),
  ),
  'audit.recent': def(
    'extension-page',
    z.object({ limit: z.number().int().min(1).max(500) }),
    z.array(
      z.object({
        seq: z.number(),
        at: z.number(),
        kind: z.string(),
        subject: z.string().nullable(),
        lane: z.string().nullable(),
        data: z.record(z.string(), z.unknown()),
      }),
    ),
  ),
} as const;

export type MessageType = keyof typeof messages;
export type RequestOf<K extends MessageType> = z.infer<(typeof messages)[K]['request']>;
export type ResponseOf<K extends MessageType> = z.infer<(typeof messages)[K]['response']>;

/** The envelope every runtime message travels in. */
export const envelopeSchema = z.object({
  type: z.string(),
  payload: z.unknown(),
});
