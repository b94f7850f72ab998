import { z } from 'zod';

/**
 * Who may send a message: a content script on one of our sites, or an extension page (options).
 * Messages that change admin state or touch secrets are extension-page only.
 */
export type Audience = 'content' | 'extension-page' | 'any';

export interface MessageDef<Req extends z.ZodType, Res extends z.ZodType> {
  audience: Audience;
  request: Req;
  response: Res;
}

export const def = <Req extends z.ZodType, Res extends z.ZodType>(audience: Audience, request: Req, response: Res): MessageDef<Req, Res> => ({
  audience,
  request,
  response,
});

export const subjectIdSchema = z.string().min(1).max(300);
