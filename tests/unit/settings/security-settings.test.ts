import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { moveEngineChoiceOutOfStorage, setUpSettings } from '@/entrypoints/background/settings';
import { TriageDatabase } from '@/lib/db/database';
import { dispatch } from '@/lib/protocol/server';
import { loadClaudeSettings } from '@/lib/settings/claude-settings-store';
import { loadEngineChoice } from '@/lib/settings/engine-store';
import { readPublicSettings } from '@/lib/settings/public-settings';

// Security settings are the background's: content scripts can neither read nor change them, and the Claude key
// goes only to the server it was given for.

type Sender = Parameters<typeof dispatch>[1];
const policy = {
  extensionId: 'ext',
  extensionOrigin: 'chrome-extension://ext/',
  siteOf: (u: URL) => (u.hostname === 'mail.google.com' ? ('gmail' as const) : u.hostname === 'app.hubspot.com' ? ('hubspot' as const) : null),
};
const options = { id: 'ext', url: 'chrome-extension://ext/options.html' } as Sender;
const gmailTab = { id: 'ext', url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 1 } } as Sender;
const hubspotTab = { id: 'ext', url: 'https://app.hubspot.com/contacts/1/record/0-1/2', tab: { id: 2 } } as Sender;
const models = { classifyModel: 'claude-haiku-4-5', draftModel: 'claude-sonnet-4-6' };

let db: TriageDatabase;
let send: (type: string, payload: unknown, from?: Sender) => ReturnType<typeof dispatch>;

beforeEach(() => {
  fakeBrowser.reset();
  db = new TriageDatabase(`security-settings-${Math.random()}`);
  const handlers = setUpSettings({ db });
  send = (type, payload, from = options) => dispatch({ type, payload }, from, handlers, policy);
});
afterEach(() => db.close());

describe('the engine choice', () => {
  it('lives in the background database; content scripts can neither change nor read it', async () => {
    for (const tab of [gmailTab, hubspotTab]) {
      expect(await send('settings.setEngine', { engine: 'claude' }, tab)).toMatchObject({ ok: false, error: { code: 'protocol.forbidden_sender' } });
      expect(await send('settings.getEngine', {}, tab)).toMatchObject({ ok: false, error: { code: 'protocol.forbidden_sender' } });
    }
    expect(await loadEngineChoice(db)).toBe('local');
    expect(await send('settings.setEngine', { engine: 'claude' })).toEqual({ ok: true, value: { engine: 'claude' } });
    expect(await loadEngineChoice(db)).toBe('claude');
    expect(await send('settings.getEngine', {})).toEqual({ ok: true, value: { engine: 'claude' } });
    // Nothing in storage.local (which content scripts can write) decides it.
    expect(JSON.stringify(await browser.storage.local.get(null))).not.toContain('claude');
    expect((await db.audit.toArray()).map((a) => a.data)).toContainEqual({ engine: 'claude' });
  });

  it('a choice older versions kept in storage.local moves to the database once and leaves storage.local', async () => {
    await browser.storage.local.set({ settings: { engine: 'claude', panelEnabled: { gmail: true, hubspot: false }, panelCollapsed: false } });
    await moveEngineChoiceOutOfStorage(db);
    expect(await loadEngineChoice(db)).toBe('claude');
    const stored = (await browser.storage.local.get('settings')).settings as Record<string, unknown>;
    expect(stored).not.toHaveProperty('engine');
    expect((await readPublicSettings()).panelEnabled.hubspot).toBe(false);
    // Written again to storage.local later (by a content script, say), it changes nothing.
    await browser.storage.local.set({ settings: { ...stored, engine: 'local' } });
    await moveEngineChoiceOutOfStorage(db);
    expect(await loadEngineChoice(db)).toBe('claude');
  });
});

describe('the Claude base URL', () => {
  it('plain http only for this computer', async () => {
    for (const baseUrl of ['http://gateway.example', 'http://10.0.0.5:8080', 'http://localhost.attacker.example']) {
      expect(await send('settings.setClaude', { ...models, baseUrl }), baseUrl).toMatchObject({ ok: false, error: { code: 'settings.base_url_refused' } });
    }
    for (const baseUrl of ['http://localhost:8080', 'http://127.0.0.1:9000/v1', 'https://gateway.example']) {
      expect(await send('settings.setClaude', { ...models, baseUrl }), baseUrl).toMatchObject({ ok: true });
    }
  });

  it('a new origin removes the stored key; the same origin keeps it; a key given with the new origin is kept', async () => {
    await send('settings.setClaude', { ...models, apiKey: 'sk-ant-first-1234', baseUrl: 'https://api.anthropic.com' });
    expect(await send('settings.setClaude', { ...models, baseUrl: 'https://api.anthropic.com/' })).toMatchObject({ ok: true, value: { hasKey: true } });
    const moved = await send('settings.setClaude', { ...models, baseUrl: 'https://gateway.example' });
    expect(moved).toMatchObject({ ok: true, value: { hasKey: false, keyHint: null, baseUrl: 'https://gateway.example' } });
    expect((await loadClaudeSettings(db)).apiKey).toBe('');
    expect((await db.audit.toArray()).map((a) => a.data)).toContainEqual({ claude: expect.objectContaining({ keyClearedByOriginChange: true, keyChanged: true }) });

    await send('settings.setClaude', { ...models, apiKey: 'sk-ant-gateway-5678', baseUrl: 'https://gateway.example' });
    const back = await send('settings.setClaude', { ...models, apiKey: 'sk-ant-second-9999', baseUrl: 'https://api.anthropic.com' });
    expect(back).toMatchObject({ ok: true, value: { hasKey: true, keyHint: '…9999' } });
  });

  it('a stored http base URL to another host (from an older version) is not used with the key', async () => {
    await db.settings.put({ key: 'claude', value: { apiKey: 'sk-ant-old-0000', ...models, baseUrl: 'http://gateway.example' } });
    const loaded = await loadClaudeSettings(db);
    expect(loaded.baseUrl).toBe('https://api.anthropic.com');
    expect(loaded.apiKey).toBe('');
  });
});
