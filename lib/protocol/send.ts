import { browser } from 'wxt/browser';
import type { z } from 'zod';
import { fail, resultSchema, type Result } from '@/lib/schemas/errors';
import type { MessageType, RequestOf, ResponseOf } from './messages';

/** The shape of `send`, for code that takes it as a dependency (tests pass a dispatcher instead). */
export type Send = <K extends MessageType>(type: K, payload: RequestOf<K>) => Promise<Result<ResponseOf<K>>>;

type Defs = Partial<Record<MessageType, { response: z.ZodType }>>;

/**
 * A sender that validates answers with the schemas of the messages it is given. Each content script's start chunk
 * gets only its site's messages (gmail-client.ts, hubspot-client.ts), so it does not carry every group's schemas on
 * every page load; extension pages use the full set (client.ts).
 */
export function createSend(defs: Defs): Send {
  // Built once per message type: content scripts send on every thread they open.
  const answerSchemas = new Map<MessageType, ReturnType<typeof resultSchema>>();
  const answerSchema = (type: MessageType) => {
    let schema = answerSchemas.get(type);
    const def = defs[type];
    if (!schema && def) answerSchemas.set(type, (schema = resultSchema(def.response)));
    return schema;
  };
  return async <K extends MessageType>(type: K, payload: RequestOf<K>): Promise<Result<ResponseOf<K>>> => {
    const schema = answerSchema(type);
    if (!schema) return fail('protocol.not_available', `${type} cannot be sent from here.`, 'Reload the extension; if it persists, report it.');
    let raw: unknown;
    try {
      raw = await browser.runtime.sendMessage({ type, payload });
    } catch {
      return fail('extension.unreachable', 'The extension background is not answering.', 'Reload the page; if it persists, reload the extension in chrome://extensions.');
    }
    const answer = schema.safeParse(raw);
    if (!answer.success) {
      return fail('protocol.bad_answer', `The background sent an unexpected answer to ${type}.`, 'Reload the extension.');
    }
    return answer.data as Result<ResponseOf<K>>;
  };
}
