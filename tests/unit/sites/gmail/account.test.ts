import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { readAccount } from '@/lib/sites/gmail/account';

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures/gmail');

describe('the signed-in account', () => {
  it('is read from the top bar of every fixture page', () => {
    for (const page of ['thread-2024-layout-refund.html', 'thread-2026-layout-damaged.html', 'inbox-list.html']) {
      const dom = new JSDOM(readFileSync(path.join(fixtures, page), 'utf8'));
      expect(readAccount(dom.window.document)).toEqual({ name: 'Dana Reyes', email: 'dana.reyes@northwind-supply.example' });
      dom.window.close();
    }
  });

  it('reads a label in another UI language, and nothing when the page has no account button', () => {
    const de = new JSDOM('<header role="banner"><a role="button" aria-label="Google-Konto: Dana Reyes  (Dana.Reyes@Example.com)"></a></header>');
    expect(readAccount(de.window.document)).toEqual({ name: 'Dana Reyes', email: 'dana.reyes@example.com' });
    expect(readAccount(new JSDOM('<header role="banner"><a role="button" aria-label="Main menu"></a></header>').window.document)).toBeNull();
  });
});
