import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { messages, type MessageType } from '@/lib/protocol/messages';
import type { Send } from '@/lib/protocol/send';
import { send as gmailSend } from '@/lib/protocol/gmail-client';
import { send as hubspotSend } from '@/lib/protocol/hubspot-client';
import { send as pageSend } from '@/lib/protocol/client';

const typesFor = (audience: string) => (Object.keys(messages) as MessageType[]).filter((t) => messages[t].audience === audience);
const codeOf = async (send: Send, type: MessageType) => {
  const answer = await send(type, {} as never);
  return answer.ok ? 'ok' : answer.error.code;
};

describe('the senders each page bundles', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // An answer no schema accepts: a sender that knows the message says so; one that does not never sends it.
    vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue({ unexpected: true } as never);
  });

  it("knows every message its site's audience may send, and no other site's", async () => {
    for (const type of typesFor('gmail')) expect([type, await codeOf(gmailSend, type)]).toEqual([type, 'protocol.bad_answer']);
    for (const type of typesFor('hubspot')) expect([type, await codeOf(hubspotSend, type)]).toEqual([type, 'protocol.bad_answer']);
    const calls = vi.mocked(browser.runtime.sendMessage).mock.calls.length;
    for (const type of typesFor('hubspot')) expect(await codeOf(gmailSend, type)).toBe('protocol.not_available');
    for (const type of typesFor('gmail')) expect(await codeOf(hubspotSend, type)).toBe('protocol.not_available');
    expect(vi.mocked(browser.runtime.sendMessage).mock.calls.length).toBe(calls);
  });

  it('extension pages know every message', async () => {
    for (const type of Object.keys(messages) as MessageType[]) expect(await codeOf(pageSend, type)).toBe('protocol.bad_answer');
  });

  it('passes a valid answer through and turns a dead background into an error value', async () => {
    vi.mocked(browser.runtime.sendMessage).mockResolvedValueOnce({ ok: true, value: { firstSeen: 1, lastTriaged: null, isNew: true } } as never);
    expect(await gmailSend('thread.seen', { id: 'gmail:1', subject: 's' })).toEqual({ ok: true, value: { firstSeen: 1, lastTriaged: null, isNew: true } });
    vi.mocked(browser.runtime.sendMessage).mockRejectedValueOnce(new Error('Receiving end does not exist'));
    expect(await codeOf(gmailSend, 'thread.seen')).toBe('extension.unreachable');
  });
});
