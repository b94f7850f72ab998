import type { BrowserContext, Page } from '@playwright/test';
import type { FeedbackRow } from '@/lib/db/database';
import type { AuditRow } from '@/lib/schemas/audit';
import { computeKpis } from '@/lib/metrics/compute-kpis';
import { formatShare } from '@/lib/metrics/format-kpi';
import { auditLog } from '../../bench/kpi';
import { test, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { loadSampleSops } from '../support/extension-pages';

const REFUND = 'e7cc78b40b7bf13c';
const SEND = 'div[role=button].T-I.aoO';
const DAY = 24 * 60 * 60 * 1000;

async function openKpis(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByRole('tab', { name: 'KPIs' }).click();
  await expect(page.getByTestId('kpi-computed')).toBeVisible();
  return page;
}

test('a draft sent from Gmail shows up in the KPI tab: first response, accepted without edit, rework, each with its n', async ({ context, extensionId, gmail }) => {
  await loadSampleSops(context, extensionId);
  const options = await openKpis(context, extensionId);
  await expect(options.getByTestId('kpi-all-firstResponse')).toContainText('n = 0 replies');

  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND);
  const review = panel.root.getByTestId('draft-ready');
  await expect(review).toBeVisible({ timeout: 15_000 });
  await review.getByLabel('I checked the refund policy applies to this customer').check();
  await review.getByTestId('insert-reply').click();
  await expect(review.getByTestId('review-status')).toHaveText("Inserted into Gmail's reply. Review it there and press Send yourself.");
  // Sent exactly as inserted: accepted without edit.
  await gmail.locator(SEND).click();
  await expect(panel.root.getByTestId('section-draft')).toContainText('Sent from Gmail.');

  // The options page was open all along: its live query sees the background's writes.
  const all = options.getByTestId('kpi-lane-all');
  await expect(all.getByTestId('kpi-all-firstResponse')).toContainText('n = 1 reply', { timeout: 10_000 });
  await expect(all.getByTestId('kpi-all-firstResponse')).toContainText('Not enough data');
  await expect(all.getByTestId('kpi-all-acceptedWithoutEdit')).toContainText('n = 1 sent draft');
  await expect(all.getByTestId('kpi-all-rework')).toContainText('n = 1 decided draft');
  await expect(all.getByTestId('kpi-all-rework')).toContainText('rejected 0 · discarded 0 · replaced 0 · rewritten 0 · open 0');
  const lane = options.getByTestId('kpi-lane-support-replies');
  await expect(lane).toContainText('SOP-grounded support replies');
  await expect(lane.getByTestId('kpi-support-replies-firstResponse')).toContainText('n = 1 reply');
  await expect(options.getByTestId('kpi-definitions')).toContainText('not how long the customer waited');

  // The lane filter leaves that lane alone; another lane has nothing.
  await options.getByTestId('kpi-lane-filter').selectOption('lead-routing');
  await expect(options.getByTestId('kpi-lane-support-replies')).toHaveCount(0);
  await expect(options.getByTestId('kpi-quiet-lanes')).toContainText('Lead capture and routing');
  await options.getByTestId('kpi-lane-filter').selectOption('');
});

/** Writes rows straight into the extension's database, as months of use would have left them. */
async function seed(page: Page, rows: AuditRow[], feedback: FeedbackRow[]) {
  await page.evaluate(
    ([auditRows, feedbackRows]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('calm-triage');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          try {
            const tx = open.result.transaction(['audit', 'feedback'], 'readwrite');
            for (const row of auditRows) tx.objectStore('audit').add(row);
            for (const row of feedbackRows) tx.objectStore('feedback').add(row);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          } catch (error) {
            open.result.close();
            reject(error);
          }
        };
      }),
    [rows, feedback] as const,
  );
}

test('over a seeded month of work the dashboard shows the same figures computeKpis gives, per lane', async ({ context, extensionId }) => {
  const log = auditLog(3000, 11);
  // The generated log spans 90 days from a fixed date; move it to end now.
  const shift = Date.now() - 60_000 - log.rows.at(-1)!.at;
  const rows = log.rows.map((r) => ({ ...r, at: r.at + shift }));
  const feedback = log.feedback.map((f) => ({ ...f, at: f.at + shift }));
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  // The extension creates its database on first use: ask it something first, so the seed finds the tables.
  await expect.poll(async () => ((await page.evaluate(() => chrome.runtime.sendMessage({ type: 'audit.recent', payload: { limit: 1 } }))) as { ok: boolean }).ok).toBe(true);
  // Raw IndexedDB writes bypass Dexie's change notifications: the dashboard reads them when opened afterwards.
  await seed(page, rows, feedback);
  const options = await openKpis(context, extensionId);
  await options.getByTestId('kpi-range').selectOption('all');
  await expect(options.getByTestId('kpi-computed')).toContainText(/Computed over 3,0\d\d audit events/);

  const now = Date.now();
  const expected = computeKpis(rows, feedback, { from: 0, to: now + DAY });
  const support = expected.lanes.find((l) => l.lane === 'support-replies')!;
  const all = options.getByTestId('kpi-lane-all');
  await expect(all.getByTestId('kpi-all-rework')).toContainText(formatShare(expected.overall.rework.value!));
  await expect(all.getByTestId('kpi-all-rework')).toContainText(`n = ${expected.overall.rework.n} decided drafts`);
  await expect(all.getByTestId('kpi-all-escalationPrecision')).toContainText(`${expected.overall.escalationPrecision.hits} of ${expected.overall.escalationPrecision.n} confirmed`);
  await expect(all.getByTestId('kpi-all-fieldFreshness')).toContainText(`conflicts ${expected.overall.fieldFreshness.conflicts} in ${expected.overall.fieldFreshness.writes} writes`);
  const lane = options.getByTestId('kpi-lane-support-replies');
  await expect(lane.getByTestId('kpi-support-replies-acceptedWithoutEdit')).toContainText(`${support.acceptedWithoutEdit.hits} of ${support.acceptedWithoutEdit.n}`);
  await expect(options.getByTestId('kpi-lane-crm-discipline').getByTestId('kpi-crm-discipline-fieldFreshness')).toContainText('median to write');

  // A week holds fewer samples than the quarter.
  await options.getByTestId('kpi-range').selectOption('7');
  const week = computeKpis(rows, feedback, { from: now - 7 * DAY, to: now });
  await expect(all.getByTestId('kpi-all-rework')).toContainText(`n = ${week.overall.rework.n} decided drafts`);
  await options.getByTestId('kpi-range').selectOption('30');
  await options.screenshot({ path: test.info().outputPath('kpi-seeded.png'), fullPage: true });
  await all.screenshot({ path: test.info().outputPath('kpi-seeded-card.png') });
});
