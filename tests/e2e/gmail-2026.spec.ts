// Gmail's 2025–2026 markup at its real URL: the panel reads it, inserts into its open reply and sees Discard;
// a legacy id painted late is read without a reload; a page whose message list cannot be found names that step.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { loadSampleSops } from '../support/extension-pages';
import { gmailFixtureDir, serveGmailWorkspace } from '../support/gmail-workspace';

const INLINE_REPLY_2026 = '3799af0290cd3195';
const DAMAGED_2026 = 'c6cb4b97a0f30878';
const SEND = 'div[role=button].T-I.aoO';

test('thread-2026-inline-reply-open: insert into its open reply, never Send, and Discard is recorded', async ({ context, extensionId, gmail }) => {
  await loadSampleSops(context, extensionId);
  // The saved page's question (an address change) goes to a lane that drafts no reply: give the same 2026 page
  // a customer question the support lane answers, keeping every bit of its markup.
  const original = readFileSync(path.join(gmailFixtureDir, 'thread-2026-inline-reply-open.html'), 'utf8');
  const asking = original
    .replaceAll('Invoice address change', 'Order #55120 arrived damaged')
    .replace('Hi, please send future invoices to our new address: Havenstraat 12, 3011 Rotterdam.', 'Hi, our order #55120 arrived today and two of the six proofing baskets are cracked. Photos are attached.')
    .replace('Who is our account manager now?', 'Can you send replacements before the weekend?');
  expect(asking).not.toContain('Havenstraat');
  await serveGmailWorkspace(context, { extraThreads: { [INLINE_REPLY_2026]: asking } });
  const panel = new GmailPanel(gmail);
  await panel.openThread(INLINE_REPLY_2026);
  await expect(panel.fact('subject')).toHaveText('Order #55120 arrived damaged');
  await expect(panel.root.getByText('a reply is open')).toBeVisible();

  const review = panel.root.getByTestId('draft-ready');
  await expect(review).toBeVisible({ timeout: 15_000 });
  // Tick whatever this lane asks the rep to check before inserting.
  for (const tick of await review.getByRole('checkbox').all()) await tick.check();
  // And fill whatever the reply template leaves to the rep.
  for (const field of await review.locator('[data-placeholder]').all()) {
    await field.fill('tomorrow');
    await field.press('Enter');
  }
  const text = await review.getByTestId('review-text').inputValue();
  await gmail.evaluate((selector) => {
    const w = window as unknown as { __sendActivations: number };
    w.__sendActivations = 0;
    for (const type of ['click', 'mousedown', 'mouseup', 'keydown', 'pointerdown']) {
      document.addEventListener(type, (e) => {
        if (e.target instanceof Element && e.target.closest(selector)) w.__sendActivations++;
      }, true);
    }
  }, SEND);
  await review.getByTestId('insert-reply').click();
  await expect(review.getByTestId('review-status')).toHaveText("Inserted into Gmail's reply. Review it there and press Send yourself.");

  // The reply that was already open got the text: no second reply was opened.
  const editor = gmail.locator('[role=main] [g_editable=true]');
  await expect(editor).toHaveCount(1);
  await expect(editor).toContainText(text.split('\n').find((line) => line.trim())!);
  expect(await gmail.evaluate(() => (window as unknown as { __sendActivations: number }).__sendActivations)).toBe(0);

  // The rep discards it with Gmail's 2026 Discard (div.oh around the .og icon). The saved page has no icon
  // fonts, so the icon button has no size: dispatch the click, as for Gmail's toolbar buttons.
  await gmail.locator('div.oh[role=button][aria-label^="Discard draft"]').dispatchEvent('click');
  await expect(editor).toHaveCount(0);
  await expect(panel.root.getByTestId('section-draft')).toContainText('The reply was discarded in Gmail.');
});

test('a thread whose legacy id Gmail paints 300 ms after rendering is read without a reload, with no failure shown', async ({ context, gmail }) => {
  await serveGmailWorkspace(context, { lateThreadIds: { [DAMAGED_2026]: 300 } });
  const panel = new GmailPanel(gmail);
  await panel.openInbox();
  await expect(panel.listState).toBeVisible();
  await gmail.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  // Watch the panel for a failure state from the click on.
  await gmail.evaluate(() => {
    const w = window as unknown as { __sawUnreadable: boolean };
    w.__sawUnreadable = false;
    const host = document.querySelector('calm-triage-panel');
    const check = () => {
      if (host?.shadowRoot?.querySelector('[data-testid=state-unreadable]')) w.__sawUnreadable = true;
    };
    if (host?.shadowRoot) new MutationObserver(check).observe(host.shadowRoot, { childList: true, subtree: true });
  });
  // Gmail's single-page navigation to the thread (the saved inbox has no row for it).
  await gmail.evaluate((id) => (location.hash = `#inbox/${id}`), DAMAGED_2026);
  await expect(panel.fact('subject')).toHaveText('Mixer bowl arrived dented');
  await expect(panel.fact('thread-id')).toHaveText(DAMAGED_2026);
  const late = await gmail.evaluate(() => (window as unknown as { __workspaceLateId?: { renderedAt: number; paintedAt?: number } }).__workspaceLateId);
  expect(late?.paintedAt).toBeDefined();
  expect(late!.paintedAt! - late!.renderedAt).toBeGreaterThanOrEqual(300);
  expect(await gmail.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  expect(await gmail.evaluate(() => (window as unknown as { __sawUnreadable: boolean }).__sawUnreadable)).toBe(false);
});

test('a page whose message list cannot be found says which step failed, in words for the admin, and the options page counts it', async ({ context, extensionId, gmail }) => {
  const original = readFileSync(path.join(gmailFixtureDir, 'thread-2026-layout-damaged.html'), 'utf8');
  // Both ways the reader finds the list are gone: its role, and its place (.aHU > .hx > div).
  const broken = original.replace('<div class="nH" role="list">', '<div class="nH">').replaceAll('class="nH hx"', 'class="nH hx-4e1a"');
  expect(broken).not.toBe(original);
  await serveGmailWorkspace(context, { extraThreads: { feedbeefcafe0016: broken } });
  const panel = new GmailPanel(gmail);
  await panel.openThread('feedbeefcafe0016');
  await expect(panel.unreadableState).toContainText("Can't read this thread: The extension could not find the list of messages on this Gmail page.");
  await expect(panel.unreadableState).toHaveAttribute('data-step', 'list');
  await expect(panel.root.getByTestId('unreadable-step')).toHaveText('Step that failed: the list of messages');
  await expect(panel.root.getByTestId('unreadable-for-admin')).toContainText('Calm Triage could not read Gmail at step "list" (no message list found)');
  // Nothing of the mail in what the rep is asked to forward.
  await expect(panel.root.getByTestId('unreadable-for-admin')).not.toContainText('Hannah');
  // The audit log counts the failure (step and layout markers only) and the admin sees it in the options page.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('tab', { name: 'Audit log' }).click();
  await expect(options.getByTestId('reader-failures')).toContainText('1 in all');
  await expect(options.getByTestId('reader-failure-step')).toHaveText(['the list of messages']);
  await expect(options.getByTestId('audit-table')).not.toContainText('Hannah');
});
