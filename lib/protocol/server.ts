import type { Browser } from 'wxt/browser';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { envelopeSchema, messages, type Audience, type MessageType, type RequestOf, type ResponseOf } from './messages';

type Sender = Browser.runtime.MessageSender;

export type Handler<K extends MessageType> = (payload: RequestOf<K>, sender: Sender) => Promise<Result<ResponseOf<K>>>;
export type Handlers = { [K in MessageType]?: Handler<K> };

export interface SenderPolicy {
  extensionId: string;
  /** Origin of this extension's own pages, e.g. chrome-extension://<id>/ */
  extensionOrigin: string;
  /** Which of our sites a page URL belongs to (the site modules own the host patterns), or null. */
  siteOf: (url: URL) => 'gmail' | 'hubspot' | null;
}

/** Who sent a message or opened a port: one of our content scripts (by the tab's site), an extension page, or nobody we answer. */
export function senderAudience(sender: Sender | undefined, policy: SenderPolicy): Audience | null {
  if (!sender || sender.id !== policy.extensionId || !sender.url) return null;
  if (sender.url.startsWith(policy.extensionOrigin)) return 'extension-page';
  const url = URL.parse(sender.url);
  return sender.tab && url ? policy.siteOf(url) : null;
}

/**
 * Validates sender and payload, then runs the handler. Anything else gets a typed error answer.
 * Handlers return Results; a thrown error becomes an 'internal' error rather than a silent drop.
 */
export async function dispatch(raw: unknown, sender: Sender, handlers: Handlers, policy: SenderPolicy): Promise<Result<unknown>> {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success || !(envelope.data.type in messages)) {
    return fail('protocol.unknown_message', 'Unknown message.', 'Update the extension so all its parts match.');
  }
  const type = envelope.data.type as MessageType;
  const definition = messages[type];
  const audience = senderAudience(sender, policy);
  if (!audience || definition.audience !== audience) {
    return fail('protocol.forbidden_sender', `${type} is not allowed from this sender.`, 'This request was refused.');
  }
  const payload = definition.request.safeParse(envelope.data.payload);
  if (!payload.success) {
    return fail('protocol.invalid_payload', `${type} was sent with an invalid payload.`, 'Reload the page and try again.');
  }
  const handler = handlers[type] as Handler<MessageType> | undefined;
  if (!handler) return fail('protocol.no_handler', `${type} has no handler.`, 'Update the extension.');
  try {
    const result = await handler(payload.data as RequestOf<MessageType>, sender);
    if (!result.ok) return result;
    const checked = definition.response.safeParse(result.value);
    return checked.success
      ? ok(checked.data)
      : fail('protocol.invalid_response', `${type} produced an invalid answer.`, 'Report this to your admin.');
  } catch (error) {
    console.error(`[calm-triage] ${type} failed:`, error instanceof Error ? error.name : 'unknown');
    return fail('internal', `${type} failed unexpectedly.`, 'Try again; if it persists, reload the extension.');
  }
}
