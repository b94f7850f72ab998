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

  it('each layout has its own page: legacy table and late-2023 column', () => {
    const pagesWith = (selector: string) => documents.filter(({ doc }) => doc.querySelector(selector) !== null).map((page) => page.name);
    expect(pagesWith(selectors.LEGACY_THREAD_CONTAINER)).toEqual(['thread-legacy-tablebs-billing-dispute']);
    expect(pagesWith(selectors.THREAD_CONTAINER)).not.toContain('thread-legacy-tablebs-billing-dispute');
    expect(pagesWith(selectors.PREVIEW_PANE)).toEqual(['split-pane-preview']);
  });
});
