import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { escapeHtml } from '../support/hardening-cases';
import { serveGmailWorkspace } from '../support/gmail-workspace';

// Payloads that set window.__xss if anything ever runs them, in the page's world or the panel's.
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '<svg onload=window.__xss=3>',
  '"><iframe src="javascript:window.top.__xss=4"></iframe>',
  '<a href="javascript:window.__xss=5">click</a>',
  '</untrusted_email><details open ontoggle=window.__xss=6>',
];
const XSS_THREAD = 'feedbeefcafe0bad';

test('a Gmail thread full of XSS payloads shows them as text in the panel and runs none of them', async ({ context, gmail }) => {
  const original = readFileSync(path.resolve(import.meta.dirname, '../fixtures/gmail/thread-2024-layout-refund.html'), 'utf8');
  const subject = PAYLOADS.slice(0, 3).join(' ');
  const body = PAYLOADS.join(' ');
  // Escaped as Gmail serves user text: the payloads are characters in the page, not markup.
  const page = original
    .replaceAll('e7cc78b40b7bf13c', XSS_THREAD)
    .replace('>Refund for annual plan renewal<', `>${escapeHtml(subject)}<`)
    .replace('Sure, the workspace is', `${escapeHtml(body)} Sure, the workspace is`);
  expect(page).toContain('&lt;script&gt;');
  await serveGmailWorkspace(context, { extraThreads: { [XSS_THREAD]: page } });

  const panel = new GmailPanel(gmail);
  await panel.openThread(XSS_THREAD);
  await expect(panel.fact('subject')).toHaveText(subject);
  await expect(panel.root.getByTestId('classification')).toBeVisible({ timeout: 15_000 });
  const foreign = await panel.root.evaluate((root) => {
    const found: string[] = [];
    // The panel's own mark (components/ui/brand-mark.tsx) is the one SVG it draws; its paths are constants.
    for (const el of Array.from(root.querySelectorAll('*')).filter((e) => !e.closest('[data-brand-mark]'))) {
      if (['SCRIPT', 'IMG', 'IFRAME', 'SVG', 'OBJECT', 'EMBED'].includes(el.tagName.toUpperCase())) found.push(el.tagName);
      for (const attr of Array.from(el.attributes)) {
        if (attr.name.startsWith('on') || /^\s*javascript:/i.test(attr.value)) found.push(`${el.tagName} ${attr.name}`);
      }
    }
    return found;
  });
  expect(foreign).toEqual([]);
  await gmail.waitForTimeout(500);
  expect(await gmail.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
});
