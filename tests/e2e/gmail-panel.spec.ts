import { test, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { gmailFixtures, inboxUrl, serveGmailWorkspace } from '../support/gmail-workspace';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const threads = gmailFixtures().filter((f) => f.truth.view !== 'list');

test.describe('panel on the saved Gmail pages at their real URLs', () => {
  for (const fixture of threads) {
    test(`shows the facts of ${fixture.file}`, async ({ gmail }) => {
      const panel = new GmailPanel(gmail);
      await panel.openThread(fixture.truth.threadId!);
      await expect(panel.fact('subject')).toHaveText(fixture.truth.subject!);
      await expect(panel.fact('thread-id')).toHaveText(fixture.truth.threadId!);
      const messages = fixture.truth.messages!;
      const open = messages.filter((m) => m.state === 'expanded').length;
      await expect(panel.fact('messages')).toHaveText(`${messages.length} (${open} open)`);
      const latest = messages.at(-1)!;
      await expect(panel.fact('latest')).toContainText(latest.from.name || latest.from.email);
      for (const email of new Set(messages.map((m) => m.from.email))) {
        await expect(panel.fact('participants')).toContainText(email);
      }
    });
  }

  test('the inbox shows the list state and no thread facts', async ({ gmail }) => {
    const panel = new GmailPanel(gmail);
    await panel.openInbox();
    await expect(panel.listState).toBeVisible();
    await expect(panel.fact('subject')).toHaveCount(0);
  });
});

test('the panel follows Gmail navigation: thread, inbox, another thread', async ({ gmail }) => {
  const panel = new GmailPanel(gmail);
  await panel.openInbox();
  await expect(panel.listState).toBeVisible();
  await gmail.locator('tr.zA', { hasText: 'Refund for annual plan renewal' }).click();
  await expect(panel.fact('subject')).toHaveText('Refund for annual plan renewal');
  // The saved page has no icon fonts, so Gmail's toolbar buttons have no size: dispatch the click.
  await gmail.getByRole('button', { name: 'Back to Inbox' }).dispatchEvent('click');
  await expect(panel.listState).toBeVisible();
  await gmail.locator('tr.zA', { hasText: 'Order #55120 arrived damaged' }).click();
  await expect(panel.fact('subject')).toHaveText('Order #55120 arrived damaged');
  await expect(panel.fact('thread-id')).toHaveText('551f7399bcf9684d');
  expect(gmail.url()).toBe(`${inboxUrl}/551f7399bcf9684d`);
});

test('a thread whose classes Gmail renamed is still read, by roles and attributes, and nothing throws into Gmail', async ({ context, gmail }) => {
  const original = readFileSync(path.resolve(import.meta.dirname, '../fixtures/gmail/thread-2024-layout-refund.html'), 'utf8');
  // Gmail renames its obfuscated classes from time to time: here the sender chips and the thread column.
  const changed = original.replaceAll('class="gD"', 'class="zz9"').replaceAll('class="a98 iY"', 'class="a98-7f1c iY-7f1c"');
  expect(changed).not.toBe(original);
  await serveGmailWorkspace(context, { extraThreads: { feedbeefcafe0001: changed } });
  const panel = new GmailPanel(gmail);
  await panel.openThread('feedbeefcafe0001');
  await expect(panel.fact('subject')).toHaveText('Refund for annual plan renewal');
  await expect(panel.fact('participants')).toContainText('marcus@brightlane-studio.example');
  await expect(panel.unreadableState).toHaveCount(0);
});

test('collapse with the button is remembered across pages (Alt+Shift+T is a manifest command: unit-tested in the background)', async ({ gmail }) => {
  const panel = new GmailPanel(gmail);
  await panel.openThread('e7cc78b40b7bf13c');
  await expect(panel.fact('subject')).toBeVisible();
  await panel.toggle.click();
  await expect(panel.toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(panel.fact('subject')).toBeHidden();
  await gmail.reload();
  await expect(panel.toggle).toHaveAttribute('aria-expanded', 'false');
  await panel.toggle.click();
  await expect(panel.toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(panel.fact('subject')).toBeVisible();
});

test('the options page turns the Gmail panel off and on, and open tabs follow', async ({ context, extensionId, gmail }) => {
  const panel = new GmailPanel(gmail);
  await panel.openThread('e7cc78b40b7bf13c');
  await expect(panel.root).toBeVisible();
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Show the panel in Gmail').uncheck();
  await expect(panel.root).toHaveCount(0);
  await options.getByLabel('Show the panel in Gmail').check();
  await expect(panel.fact('subject')).toHaveText('Refund for annual plan renewal');
});
