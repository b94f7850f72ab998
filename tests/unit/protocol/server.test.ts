import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dispatch, senderAudience, type Handlers, type SenderPolicy } from '@/lib/protocol/server';
import { siteOf } from '@/lib/sites/site-of';
import { ok } from '@/lib/schemas/errors';

const policy: SenderPolicy = { extensionId: 'ext-id', extensionOrigin: 'chrome-extension://ext-id/', siteOf };
const gmailTab = { id: 'ext-id', url: 'https://mail.google.com/mail/u/0/#inbox/abc', tab: { id: 1 } } as never;
const optionsPage = { id: 'ext-id', url: 'chrome-extension://ext-id/options.html' } as never;

let calls = 0;
const handlers: Handlers = {
  'thread.seen': async () => {
    calls++;
    return ok({ firstSeen: 1, lastTriaged: null, isNew: true });
  },
  'audit.recent': async () => ok([]),
};

describe('background dispatch', () => {
  it('runs a valid message from a content script on Gmail', async () => {
    const answer = await dispatch({ type: 'thread.seen', payload: { id: 'gmail:1', subject: 's' } }, gmailTab, handlers, policy);
    expect(answer).toEqual({ ok: true, value: { firstSeen: 1, lastTriaged: null, isNew: true } });
  });

  it('refuses other extensions, other sites and pages pretending to be content scripts', async () => {
    const message = { type: 'thread.seen', payload: { id: 'gmail:1', subject: 's' } };
    const senders = [
      { id: 'other-ext', url: 'https://mail.google.com/', tab: { id: 1 } },
      { id: 'ext-id', url: 'https://evil.example/', tab: { id: 1 } },
      { id: 'ext-id', url: 'http://mail.google.com/', tab: { id: 1 } },
      { id: 'ext-id', url: 'https://mail.google.com.evil.example/', tab: { id: 1 } },
      { id: 'ext-id', url: 'https://mail.google.com/' },
    ];
    for (const sender of senders) {
      const answer = await dispatch(message, sender as never, handlers, policy);
      expect(answer.ok ? 'ok' : answer.error.code).toBe('protocol.forbidden_sender');
    }
  });

  it('keeps admin messages to extension pages', async () => {
    const fromGmail = await dispatch({ type: 'audit.recent', payload: { limit: 5 } }, gmailTab, handlers, policy);
    expect(fromGmail.ok ? 'ok' : fromGmail.error.code).toBe('protocol.forbidden_sender');
    const fromOptions = await dispatch({ type: 'audit.recent', payload: { limit: 5 } }, optionsPage, handlers, policy);
    expect(fromOptions.ok).toBe(true);
  });

  it('answers any malformed envelope or payload with a typed error and never runs the handler', async () => {
    const before = calls;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record({ type: fc.constantFrom('thread.seen', 'audit.recent', 'nope'), payload: fc.anything() }),
          fc.record({ type: fc.constant('thread.seen'), payload: fc.record({ id: fc.oneof(fc.constant(''), fc.integer(), fc.string({ minLength: 301 })), subject: fc.anything() }) }),
        ),
        async (raw) => {
          const answer = await dispatch(raw, gmailTab, handlers, policy);
          expect(answer.ok).toBe(false);
          if (!answer.ok) expect(answer.error.nextStep.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
    expect(calls).toBe(before);
  });

  it('turns a throwing handler into an internal error, not a silent drop', async () => {
    const throwing: Handlers = { 'thread.seen': async () => Promise.reject(new Error('boom')) };
    const answer = await dispatch({ type: 'thread.seen', payload: { id: 'x', subject: '' } }, gmailTab, throwing, policy);
    expect(answer.ok ? 'ok' : answer.error.code).toBe('internal');
  });
});

describe('sites', () => {
  it.each([
    ['https://mail.google.com/mail/u/0/', 'gmail'],
    ['http://mail.google.com/mail/u/0/', null],
    ['https://app.hubspot.com/contacts/1/record/0-1/2', 'hubspot'],
    ['https://app-eu1.hubspot.com/contacts/1/record/0-1/2', 'hubspot'],
    ['https://www.hubspot.com/', null],
    ['https://api.hubapi.com/', null],
    ['https://evil.example/mail.google.com', null],
  ])('%s → %s', (url, expected) => expect(siteOf(new URL(url))).toBe(expected));
});

describe('audiences', () => {
  const hubspotTab = { id: 'ext-id', url: 'https://app.hubspot.com/contacts/1/record/0-1/2', tab: { id: 2 } } as never;

  it('refuses a HubSpot message from the Gmail content script, and a Gmail message from HubSpot', async () => {
    const fromGmail = await dispatch({ type: 'hubspot.setup', payload: {} }, gmailTab, { 'hubspot.setup': async () => ok({ mode: 'session', laneProperties: [] }) }, policy);
    expect(fromGmail.ok ? 'ok' : fromGmail.error.code).toBe('protocol.forbidden_sender');
    const fromHubSpot = await dispatch({ type: 'thread.seen', payload: { id: 'gmail:1', subject: 's' } }, hubspotTab, handlers, policy);
    expect(fromHubSpot.ok ? 'ok' : fromHubSpot.error.code).toBe('protocol.forbidden_sender');
  });

  it('names the sender of a port the same way', () => {
    expect(senderAudience(gmailTab, policy)).toBe('gmail');
    expect(senderAudience(hubspotTab, policy)).toBe('hubspot');
    expect(senderAudience(optionsPage, policy)).toBe('extension-page');
    expect(senderAudience({ id: 'ext-id', url: 'https://mail.google.com/' } as never, policy)).toBeNull();
    expect(senderAudience(undefined, policy)).toBeNull();
  });
});
