import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { loadSampleSops, sendFromOptions } from '../support/extension-pages';
import { serveGmailWorkspace } from '../support/gmail-workspace';

const REFUND = 'e7cc78b40b7bf13c';
const RFQ = '820a37957b2c554b';
const GERMAN = '62db23c417d7b906';
const SEND = 'div[role=button].T-I.aoO';

test.beforeEach(async ({ context, extensionId }) => {
  await loadSampleSops(context, extensionId);
});

/** Counts every activation of Gmail's Send button, installed in the page before anything is inserted. */
async function instrumentSend(page: Page) {
  await page.evaluate((selector) => {
    const w = window as unknown as { __sendActivations: number };
    w.__sendActivations = 0;
    for (const type of ['click', 'mousedown', 'mouseup', 'keydown', 'pointerdown']) {
      document.addEventListener(type, (e) => {
        if (e.target instanceof Element && e.target.closest(selector)) w.__sendActivations++;
      }, true);
    }
  }, SEND);
}

const sendActivations = (page: Page) => page.evaluate(() => (window as unknown as { __sendActivations: number }).__sendActivations);

test('refund thread: tick the refund check, insert into Gmail, rep edits and sends; audit has approved, inserted, sent with the edit ratio', async ({ context, extensionId, gmail }) => {
  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND);
  const review = panel.root.getByTestId('draft-ready');
  await expect(review).toBeVisible({ timeout: 15_000 });
  const insert = review.getByTestId('insert-reply');
  const refundTick = review.getByLabel('I checked the refund policy applies to this customer');
  await expect(insert).toBeDisabled();
  await expect(review.getByTestId('insert-blockers')).toContainText('I checked the refund policy applies');
  const text = await review.getByTestId('review-text').inputValue();
  expect(text).toMatch(/refund/i);

  await instrumentSend(gmail);
  await refundTick.check();
  // The template's refund amount is the rep's to fill: Insert waits for it (issue #10).
  await expect(insert).toBeDisabled();
  await expect(review.getByTestId('insert-blockers')).toContainText('refund_amount');
  const amount = review.locator('[data-placeholder="refund_amount"]');
  await amount.fill('1,188 USD');
  await amount.press('Enter');
  await expect(review.getByTestId('review-text')).toHaveValue(/1,188 USD/);
  await expect(insert).toBeEnabled();
  await insert.click();
  await expect(review.getByTestId('review-status')).toHaveText("Inserted into Gmail's reply. Review it there and press Send yourself.");

  const editor = gmail.locator('[g_editable=true]');
  const firstLine = text.split('\n').find((l) => l.trim())!;
  await expect(editor).toContainText(firstLine);
  await expect(editor).toContainText(text.split('\n').filter((l) => l.trim()).at(-1)!);
  expect(await sendActivations(gmail)).toBe(0);

  // The rep edits in Gmail's own editor, then presses Send.
  await editor.click();
  await gmail.keyboard.press('Control+End');
  await gmail.keyboard.type(' Sam from Northwind');
  await gmail.locator(SEND).click();
  await expect.poll(() => gmail.evaluate(() => ((window as unknown as { __workspaceSent?: unknown[] }).__workspaceSent ?? []).length)).toBe(1);

  type Audit = { ok: true; value: { kind: string; data: Record<string, unknown> }[] };
  const recent = async () => ((await sendFromOptions(context, extensionId, 'audit.recent', { limit: 50 })) as Audit).value;
  await expect.poll(async () => (await recent()).some((a) => a.kind === 'draft.sent')).toBe(true);
  const audit = { value: await recent() };
  const kinds = audit.value.map((a) => a.kind);
  for (const kind of ['draft.approved', 'draft.inserted', 'draft.sent']) expect(kinds).toContain(kind);
  const sent = audit.value.find((a) => a.kind === 'draft.sent')!;
  expect(sent.data.editRatio).toBeGreaterThan(0);
  expect(JSON.stringify(audit.value)).not.toContain('Sam from Northwind');
  // The sent reply is now the thread's latest message: the panel shows the draft as sent, and writes no new one.
  await expect(panel.root.getByTestId('section-draft')).toContainText('Sent from Gmail.');
  expect(kinds.filter((k) => k === 'draft.generated')).toHaveLength(1);
});

test('an ungrounded question shows the abstain state and a holding reply, not invented policy', async ({ context, gmail }) => {
  const original = readFileSync(path.resolve(import.meta.dirname, '../fixtures/gmail/thread-2024-layout-refund.html'), 'utf8');
  const gala =
    "Hello, I am reaching out on behalf of the Riverside Children's Foundation. Our annual charity gala takes place on 14 June and we are looking for local businesses to sponsor a table or donate a prize for the raffle. Would Northwind Supply be interested?";
  // The refund thread with its customer's words, subject and id replaced: a question no SOP answers.
  const body = /Sure, the workspace[\s\S]*?Thanks for your help\./;
  expect(original).toMatch(body);
  const html = original.replace(body, gala).replaceAll('Refund for annual plan renewal', 'Charity gala sponsorship').replaceAll(REFUND, 'feedbeefcafe0005');
  await serveGmailWorkspace(context, { extraThreads: { feedbeefcafe0005: html } });
  const panel = new GmailPanel(gmail);
  await panel.openThread('feedbeefcafe0005');
  const review = panel.root.getByTestId('draft-ready');
  await expect(review).toBeVisible({ timeout: 15_000 });
  await expect(review.getByTestId('draft-abstained')).toContainText("The SOPs don't cover this question");
  await expect(review.getByTestId('escalate-to')).not.toBeEmpty();
  await expect(review.getByTestId('draft-text')).not.toContainText(/\[\d+\]/);
  await expect(review.getByTestId('review-text')).not.toHaveValue(/\[\d+\]|sponsor/i);
});

test('edits and the risk tick persist across a page reload', async ({ gmail }) => {
  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND);
  const review = panel.root.getByTestId('draft-ready');
  await expect(review).toBeVisible({ timeout: 15_000 });
  const box = review.getByTestId('review-text');
  await box.click();
  await box.press('Control+End');
  await box.pressSequentially(' Talk soon.');
  await review.getByLabel('I checked the refund policy applies to this customer').check();
  await expect(review.getByTestId('review-saved')).toHaveText('Review saved');
  await review.getByRole('button', { name: 'Show changes' }).click();
  await expect(review.getByTestId('diff-view').locator('ins')).toContainText('Talk soon.');
  await gmail.waitForTimeout(600);
  await gmail.reload();
  const again = panel.root.getByTestId('draft-ready');
  await expect(again).toBeVisible({ timeout: 15_000 });
  await expect(again.getByTestId('review-text')).toHaveValue(/Talk soon\.$/);
  await expect(again.getByLabel('I checked the refund policy applies to this customer')).toBeChecked();
  // The tick held; only the refund amount the rep has not filled yet stands between the draft and Insert.
  await expect(again.getByTestId('insert-blockers')).toContainText('refund_amount');
  await expect(again.getByTestId('insert-blockers')).not.toContainText('I checked the refund policy');
});

test('the RFQ thread shows a handoff packet waiting for HubSpot', async ({ gmail }) => {
  const panel = new GmailPanel(gmail);
  await panel.openThread(RFQ);
  await expect(panel.root.getByTestId('handoff-summary')).toHaveText(/^Waiting for HubSpot: \d+ fields for hamid\.rostami@gulfbuild-trading\.example$/, { timeout: 15_000 });
  await expect(panel.root.getByTestId('handoff-packet')).toContainText('CIF Jebel Ali');
});

test('a German thread is grounded through its category on the English SOP and drafted from the German template', async ({ gmail }) => {
  const panel = new GmailPanel(gmail);
  await panel.openThread(GERMAN);
  await expect(panel.root.getByTestId('grounding-line')).toBeVisible({ timeout: 15_000 });
  await expect(panel.root.getByTestId('sop-not-covered')).toHaveCount(0);
  await expect(await panel.passages()).toBeVisible();
  await expect(panel.root.getByTestId('grounding-line')).toContainText('sections tagged for this category');
  await expect(panel.root.getByTestId('sop-language')).toContainText('SOP text in English; the customer wrote in German');
  const review = panel.root.getByTestId('draft-ready');
  await expect(review).toBeVisible({ timeout: 15_000 });
  await expect(review.getByTestId('review-text')).toHaveValue(/^Hallo Katrin,[\s\S]*88412/);
});

test('on a 1400×900 window the draft and Insert come first, reachable without scrolling the panel', async ({ gmail }) => {
  await gmail.setViewportSize({ width: 1400, height: 900 });
  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND);
  const review = panel.root.getByTestId('draft-ready');
  await expect(review).toBeVisible({ timeout: 15_000 });
  await expect(review.getByTestId('review-text')).toBeInViewport();
  await expect(review.getByTestId('insert-reply')).toBeInViewport();
  // The draft shows once as text to edit; its sources are folded below it.
  await expect(review.getByTestId('draft-text')).toBeHidden();
});
