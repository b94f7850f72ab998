import { describe, expect, it } from 'vitest';
import * as selectors from '@/lib/sites/gmail/selectors';
import { FIXTURE_NAMES, jsdomDocument } from './fixtures';

const documents = FIXTURE_NAMES.map((name) => ({ name, doc: jsdomDocument(name) }));

/**
 * Selectors no saved page exercises yet, and why. Each is tested on a page modified in read-thread.test.ts;
 * the check below fails once a fixture covers it, so the entry must then go.
 */
const NOT_IN_ANY_FIXTURE: Record<string, string> = {
  EMOJI_IMAGE: 'no saved page has an emoji in its subject or body',
  ATTR_EMOJI: 'no saved page has an emoji in its subject or body',
  // Reported by InboxSDK's 2026-07 head, not shown in the saved pages (fixtures README, "Also reported"):
  // tested on saved pages given these controls in compose.test.ts.
  SEND_AND_ARCHIVE_BUTTON: 'Send + Archive is an account setting; no saved reply shows it',
  MORE_SEND_OPTIONS: 'no saved reply shows the Schedule send arrow',
  SCHEDULE_SEND_ITEM: 'no saved reply shows the Schedule send menu',
  // Gmail's right-hand column and compose strip are outside the saved thread views; the demo workspace
  // (tests/support/gmail-workspace.client.js) builds them from InboxSDK's description, tested in dock.test.ts and E2E.
  SIDE_PANEL_COLUMN: "Gmail's side panel column is not in the saved pages",
  SIDE_PANEL_PARTS: "Gmail's side panel is not in the saved pages",
  MOLE_STRIP: 'no saved page has a compose window open',
  MOLE_SPACER: 'no saved page has a compose window open',
};

describe('every Gmail selector matches at least one saved page', () => {
  const entries = Object.entries(selectors).filter(([name]) => !(name in NOT_IN_ANY_FIXTURE));
  it('has selectors to check', () => {
    expect(entries.length).toBeGreaterThan(30);
  });
  for (const [name, value] of entries) {
    it(name, () => {
      // Attribute constants name an attribute; the rest are selectors.
      const selector = name.startsWith('ATTR_') ? `[${value}]` : value;
      const pages = documents.filter(({ doc }) => doc.querySelector(selector) !== null).map((page) => page.name);
      expect(pages.length, `${name} (${selector}) matches no fixture`).toBeGreaterThan(0);
    });
  }

  for (const name of Object.keys(NOT_IN_ANY_FIXTURE)) {
    it(`${name} is still missing from the saved pages (else drop it from NOT_IN_ANY_FIXTURE)`, () => {
      const value = (selectors as Record<string, string>)[name];
      expect(value).toBeDefined();
      const selector = name.startsWith('ATTR_') ? `[${value}]` : (value ?? '');
      expect(documents.some(({ doc }) => doc.querySelector(selector) !== null)).toBe(false);
    });
  }

  const pagesWith = (selector: string) => documents.filter(({ doc }) => doc.querySelector(selector) !== null).map((page) => page.name);

  it('each layout has its own page: legacy table, late-2023 column, 2026 markup', () => {
    expect(pagesWith(selectors.LEGACY_THREAD_CONTAINER)).toEqual(['thread-legacy-tablebs-billing-dispute']);
    expect(pagesWith(selectors.THREAD_CONTAINER)).not.toContain('thread-legacy-tablebs-billing-dispute');
    expect(pagesWith(selectors.PREVIEW_PANE)).toEqual(['split-pane-preview', 'split-pane-preview-2026']);
    // 2026: the message list lost .if, the per-message Reply is button.DILLkc, Discard is div.oh around .og.
    const generation2026 = ['split-pane-preview-2026', 'thread-2026-inline-reply-open', 'thread-2026-layout-damaged'];
    expect(pagesWith('.nH.if[role=list]').filter((name) => generation2026.includes(name))).toEqual([]);
    expect(pagesWith('button.DILLkc')).toEqual(generation2026);
    expect(pagesWith('.gU .oh[role=button]')).toEqual(['thread-2026-inline-reply-open']);
  });

  it('the attribute-first selectors find both generations', () => {
    const threads = documents.filter(({ name }) => name !== 'inbox-list').map(({ name }) => name);
    expect(pagesWith(selectors.MESSAGE_LIST)).toEqual(threads);
    expect(pagesWith(selectors.MESSAGE_BY_ID)).toEqual(threads);
    expect(pagesWith(selectors.MESSAGE_REPLY_BY_LABEL)).toEqual(threads);
    expect(pagesWith(selectors.DISCARD_BUTTON_BY_LABEL)).toEqual(['thread-2026-inline-reply-open', 'thread-with-inline-reply-open']);
  });
});
