import { browser } from 'wxt/browser';
import { fail, resultSchema, type Result } from '@/lib/schemas/errors';
import { messages, type MessageType, type RequestOf, type ResponseOf } from './messages';

// Built once per message type: content scripts send on every thread they open.
const answerSchemas = new Map<MessageType, ReturnType<typeof resultSchema>>();
function answerSchema(type: MessageType) {
  let schema = answerSchemas.get(type);
  if (!schema) answerSchemas.set(type, (schema = resultSchema(messages[type].response)));
  return schema;
}

/** The shape of `send`, for code that takes it as a dependency (tests pass a dispatcher instead). */
export type Send = <K extends MessageType>(type: K, payload: RequestOf<K>) => Promise<Result<ResponseOf<K>>>;

/** Sends one typed request to the background and validates the answer. Never throws. */
export async function send<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ type, payload });
  } catch {
    return fail(
      'extension.unreachable',
      'The extension background is not answering.',
      'Reload the page; if it persists, reload the extension in chrome://extensions.',
    );
  }
  const answer = answerSchema(type).safeParse(raw);
  if (!answer.success) {
    return fail('protocol.bad_answer', `The background sent an unexpected answer to ${type}.`, 'Reload the extension.');
  }
  return answer.data as Result<ResponseOf<K>>;
}
