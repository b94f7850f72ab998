import { z } from 'zod';
import { lazySchema } from '@/lib/schemas/lazy-schema';

/**
 * Who may send a message: the Gmail content script, the HubSpot content script, or an extension page (options).
 * Each site's panel may only ask for its own lane's work; admin state and secrets are extension-page only.
 */
export type Audience = 'gmail' | 'hubspot' | 'extension-page';

export interface MessageDef<Req extends z.ZodType, Res extends z.ZodType> {
  audience: Audience;
  request: Req;
  response: Res;
}

/** A message's schemas are given as functions and built when the message is first sent or handled (lazy-schema.ts). */
export const def = <Req extends z.ZodType, Res extends z.ZodType>(audience: Audience, request: () => Req, response: () => Res): MessageDef<Req, Res> => ({
  audience,
  request: lazySchema(request),
  response: lazySchema(response),
});

export const subjectIdSchema = lazySchema(() => z.string().min(1).max(300));
