import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { FeedbackRow } from '@/lib/db/database';
import type { AuditRow } from '@/lib/schemas/audit';
import { auditRow } from '../support/audit-rows';
import { draftLog, merged, type DraftFate } from '../support/generated-audit-log';
import { test, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { loadSampleSops, sendFromOptions } from '../support/extension-pages';
import { serveGmailWorkspace } from '../support/gmail-workspace';

const REFUND = 'e7cc78b40b7bf13c';
const SEND = 'div[role=button].T-I.aoO';

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
  // The template leaves the refund amount to the rep (a human decision): filled before Insert.
  const amount = review.locator('[data-placeholder="refund_amount"]');
  await amount.fill('1,188 USD');
  await amount.press('Enter');
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

/**
 * A month of work with answers worked out by hand (minutes after each thread was first seen):
 * support-replies: t1–t4 sent as generated after 10/20/30/40 min; t5 sent rewritten (edit ratio 0.5) after 50 min;
 * t6 rejected; o1, o2 (20 days ago) sent as generated after 60 min. t1–t3, o1, o2 flagged for a human;
 * t1 and t2 had their category corrected (flag confirmed), t3, o1 and o2 were sent as drafted (false alarms).
 * crm-discipline: six proposals 3 days ago; five written after 1, 2, 3, 4 and 30 hours, one rejected after 2 hours,
 * one conflict along the way.
 */
function handBuiltMonth(now: number): { rows: AuditRow[]; feedback: FeedbackRow[] } {
  const MIN = 60_000;
  const HOUR = 60 * MIN;
  const S = 'support-replies';
  const rows: AuditRow[] = [];
  const feedback: FeedbackRow[] = [];
  const thread = (id: string, seen: number, flagged: boolean, outcome: { sentAfterMin: number; ratio: number } | 'rejected', corrected: boolean) => {
    const subject = `gmail:${id}`;
    rows.push(auditRow(seen, 'thread.seen', subject, null));
    rows.push(auditRow(seen + MIN, 'triage.classified', subject, S, { needsHumanTriage: flagged }));
    rows.push(auditRow(seen + 2 * MIN, 'draft.generated', subject, S, { draftId: `d-${id}` }));
    if (corrected) {
      rows.push(auditRow(seen + 3 * MIN, 'triage.corrected', subject, null, { field: 'category', from: 'billing_dispute', to: 'refund_request', learnt: true }));
      feedback.push({ at: seen + 3 * MIN, subject, field: 'category', from: 'billing_dispute', to: 'refund_request', text: '' });
    }
    if (outcome === 'rejected') rows.push(auditRow(seen + 5 * MIN, 'draft.rejected', subject, S, { draftId: `d-${id}`, reason: 'tone' }));
    else rows.push(auditRow(seen + outcome.sentAfterMin * MIN, 'draft.sent', subject, S, { draftId: `d-${id}`, editRatio: 0, editRatioFromGenerated: outcome.ratio, acceptedWithoutEdit: outcome.ratio === 0 }));
  };
  thread('o1', now - 20 * 24 * HOUR, true, { sentAfterMin: 60, ratio: 0 }, false);
  thread('o2', now - 19 * 24 * HOUR, true, { sentAfterMin: 60, ratio: 0 }, false);
  const recent = now - 3 * 24 * HOUR;
  thread('t1', recent, true, { sentAfterMin: 10, ratio: 0 }, true);
  thread('t2', recent + HOUR, true, { sentAfterMin: 20, ratio: 0 }, true);
  thread('t3', recent + 2 * HOUR, true, { sentAfterMin: 30, ratio: 0 }, false);
  thread('t4', recent + 3 * HOUR, false, { sentAfterMin: 40, ratio: 0 }, false);
  thread('t5', recent + 4 * HOUR, false, { sentAfterMin: 50, ratio: 0.5 }, false);
  thread('t6', recent + 5 * HOUR, false, 'rejected', false);
  const C = 'crm-discipline';
  const proposed = now - 3 * 24 * HOUR + 6 * HOUR;
  const record = 'hubspot:4455667/0-1/1';
  rows.push(auditRow(proposed - MIN, 'thread.seen', record, null));
  const properties = ['jobtitle', 'phone', 'company', 'hs_lead_status', 'lifecyclestage', 'hs_next_step'];
  for (const property of properties) rows.push(auditRow(proposed, 'proposal.created', record, C, { property }));
  rows.push(auditRow(proposed + 30 * MIN, 'field.conflict', record, C, { property: 'phone' }));
  [1, 2, 3, 4, 30].forEach((hours, i) => rows.push(auditRow(proposed + hours * HOUR, 'field.written', record, C, { property: properties[i]! })));
  rows.push(auditRow(proposed + 2 * HOUR, 'proposal.rejected', record, C, { property: 'hs_next_step' }));
  rows.sort((a, b) => a.at - b.at);
  return { rows, feedback };
}

test('over a seeded month the dashboard shows the figures worked out by hand, per lane and range', async ({ context, extensionId }) => {
  const { rows, feedback } = handBuiltMonth(Date.now() - 60_000);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  // The extension creates its database on first use: ask it something first, so the seed finds the tables.
  // The extension also trains its local model on install and audits that as one row of its own: wait for it.
  const trained = async () => {
    const answer = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'audit.recent', payload: { limit: 20 } }))) as { ok: boolean; value?: Array<{ kind: string }> };
    return answer.ok && (answer.value ?? []).some((r) => r.kind === 'model.trained');
  };
  await expect.poll(trained, { timeout: 30_000 }).toBe(true);
  // Raw IndexedDB writes bypass Dexie's change notifications: the dashboard reads them when opened afterwards.
  await seed(page, rows, feedback);
  const options = await openKpis(context, extensionId);
  await options.getByTestId('kpi-range').selectOption('30');
  await expect(options.getByTestId('kpi-computed')).toContainText(`Computed over ${rows.length + 1} audit events`);

  const all = options.getByTestId('kpi-lane-all');
  await expect(all.getByTestId('kpi-all-rework')).toContainText('25%');
  await expect(all.getByTestId('kpi-all-rework')).toContainText('2 of 8');
  await expect(all.getByTestId('kpi-all-rework')).toContainText('rejected 1 · discarded 0 · replaced 0 · rewritten 1 · open 0');
  await expect(all.getByTestId('kpi-all-escalationPrecision')).toContainText('40%');
  await expect(all.getByTestId('kpi-all-escalationPrecision')).toContainText('2 of 5 confirmed');
  await expect(all.getByTestId('kpi-all-fieldFreshness')).toContainText('conflicts 1 in 5 writes · open 0');
  const support = options.getByTestId('kpi-lane-support-replies');
  await expect(support.getByTestId('kpi-support-replies-acceptedWithoutEdit')).toContainText('86%');
  await expect(support.getByTestId('kpi-support-replies-acceptedWithoutEdit')).toContainText('6 of 7');
  await expect(support.getByTestId('kpi-support-replies-firstResponse')).toContainText('40 min');
  await expect(support.getByTestId('kpi-support-replies-firstResponse')).toContainText('p90 1 h');
  await expect(support.getByTestId('kpi-support-replies-corrections')).toContainText('learnt by the local engine 2');
  const crm = options.getByTestId('kpi-lane-crm-discipline').getByTestId('kpi-crm-discipline-fieldFreshness');
  await expect(crm).toContainText('3 h');
  await expect(crm).toContainText('resolved within 24 h: 83% (n = 6)');

  // The last week holds only t1–t6: six decided drafts, two of them reworked.
  await options.getByTestId('kpi-range').selectOption('7');
  await expect(all.getByTestId('kpi-all-rework')).toContainText('2 of 6');
  await expect(all.getByTestId('kpi-all-rework')).toContainText('33%');
  // Eight decided support drafts this month: under the minimum sample of 20, so the alarm says so.
  await options.getByTestId('kpi-range').selectOption('30');
  await expect(support.getByTestId('kpi-support-replies-alarm')).toHaveText('Rework alarm: not enough data (8 of the 20 decided drafts it needs)');
  // The CRM lane drafts nothing: no rework alarm, but its week-over-week line is there.
  await expect(options.getByTestId('kpi-crm-discipline-alarm')).toHaveCount(0);
  await expect(options.getByTestId('kpi-crm-discipline-anomalies')).toContainText('No week-over-week shift');
  // A chart per card, drawn by uPlot; its points in words underneath.
  await expect(support.getByTestId('kpi-chart-support-replies').locator('canvas')).toBeVisible();
  await support.getByText('Week by week').click();
  // The log begins 20 days ago: three weeks, not the five of an empty month.
  await expect(support.getByTestId('kpi-weeks-support-replies').locator('tbody tr')).toHaveCount(3);

  const [download] = await Promise.all([options.waitForEvent('download'), options.getByTestId('kpi-export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^calm-triage-kpis-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv).toContain('alarm,SOP-grounded support replies,Rework alarm,,Rework alarm: not enough data (8 of the 20 decided drafts it needs)');
  expect(csv).toContain('figure,All lanes,Rework rate,,25%,2 of 8,n = 8 decided drafts,rejected 1 · discarded 0 · replaced 0 · rewritten 1 · open 0');

  await options.screenshot({ path: test.info().outputPath('kpi-seeded.png'), fullPage: true });
  await all.screenshot({ path: test.info().outputPath('kpi-seeded-card.png') });
});

/** The refund thread with its customer's words, subject and id replaced: a question of our choosing. */
function questionThread(id: string, subject: string, words: string): string {
  const original = readFileSync(path.resolve(import.meta.dirname, '../fixtures/gmail/thread-2024-layout-refund.html'), 'utf8');
  const body = /Sure, the workspace[\s\S]*?Thanks for your help\./;
  expect(original).toMatch(body);
  return original.replace(body, words).replaceAll('Refund for annual plan renewal', subject).replaceAll(REFUND, id);
}

test('ungrounded questions from several Gmail threads appear grouped in SOP gaps, with counts, lanes and subjects', async ({ context, extensionId, gmail }) => {
  await loadSampleSops(context, extensionId);
  // The company's name is in both gala mails: with its domain set, the grouping must not lean on it.
  expect(await sendFromOptions(context, extensionId, 'settings.setOwnDomains', { domains: ['northwind-supply.example'] })).toMatchObject({ ok: true });
  const questions = {
    feedbeefcafe0101: ['Charity gala sponsorship', "Hello, I am reaching out on behalf of the Riverside Children's Foundation. Our annual charity gala takes place on 14 June and we are looking for local businesses to sponsor a table or donate a prize for the raffle. Would Northwind Supply be interested?"],
    feedbeefcafe0102: ['Sponsoring our charity gala', 'Hi, the Lakeside school is holding a charity gala in September. Could Northwind Supply sponsor a table at the gala or donate a raffle prize?'],
    feedbeefcafe0103: ['Warehouse tour for engineering students', 'Hello, I teach logistics at the technical college. Could a class of twelve engineering students tour your warehouse one morning in May?'],
  } as const;
  await serveGmailWorkspace(context, { extraThreads: Object.fromEntries(Object.entries(questions).map(([id, [subject, words]]) => [id, questionThread(id, subject, words)])) });
  const panel = new GmailPanel(gmail);
  for (const id of Object.keys(questions)) {
    await panel.openThread(id);
    // The panel writes no answer: the SOPs do not cover the question.
    await expect(panel.root.getByTestId('draft-abstained')).toContainText("The SOPs don't cover this question", { timeout: 15_000 });
  }

  const options = await openKpis(context, extensionId);
  const gaps = options.getByTestId('kpi-sop-gaps');
  await expect(gaps.getByTestId('kpi-sop-gap')).toHaveCount(2, { timeout: 10_000 });
  const [gala, tour] = [gaps.getByTestId('kpi-sop-gap').nth(0), gaps.getByTestId('kpi-sop-gap').nth(1)];
  await expect(gala).toContainText('2 threads');
  await expect(gala).toContainText('2 not grounded by the SOPs · 0 drafts rejected for their policy');
  // The local engine routes one of the two to the lead lane: the group names every lane it came through.
  await expect(gala.locator('.kpi-gap__lanes')).toContainText('SOP-grounded support replies');
  await expect(gala.locator('.kpi-gap__examples li')).toHaveText(['Sponsoring our charity gala', 'Charity gala sponsorship']);
  await expect(gala.locator('.kpi-gap__title')).toContainText('gala');
  await expect(gala.locator('.kpi-gap__title')).not.toContainText('northwind');
  await expect(tour).toContainText('1 thread');
  await expect(tour.locator('.kpi-gap__examples li')).toHaveText(['Warehouse tour for engineering students']);
  await expect(gaps).toContainText('Only the last 30 days are kept');
  await gaps.screenshot({ path: test.info().outputPath('kpi-sop-gaps.png') });
});

test('a lane over its rework threshold rings the alarm with its figures, and a week-over-week jump is listed as an anomaly', async ({ context, extensionId }) => {
  const DAY = 24 * 60 * 60_000;
  const now = Date.now() - 60_000;
  const fill = (n: number, fate: DraftFate) => Array<DraftFate>(n).fill(fate);
  // Support replies: 1 of 20 reworked the week before last, 8 of 20 last week (5% → 40%); 9 of 40 (22.5%) over both.
  const rows = merged(
    draftLog('support-replies', [...fill(19, 'sent'), 'rejected'], now - 13 * DAY, 20 * 60_000),
    draftLog('support-replies', [...fill(12, 'sent'), ...fill(4, 'rewritten'), ...fill(4, 'rejected')], now - 6 * DAY, 20 * 60_000),
  );
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect.poll(async () => ((await page.evaluate(() => chrome.runtime.sendMessage({ type: 'audit.recent', payload: { limit: 1 } }))) as { ok: boolean }).ok).toBe(true);
  await seed(page, rows, []);
  const options = await openKpis(context, extensionId);
  const support = options.getByTestId('kpi-lane-support-replies');
  const alarm = support.getByTestId('kpi-support-replies-alarm');
  await expect(alarm).toHaveText("Rework alarm: 22.5% of 40 decided drafts reworked (9), above the lane's 15% threshold");
  await expect(alarm).toHaveAttribute('data-state', 'alarm');
  await expect(support.getByTestId('kpi-support-replies-anomalies').locator('li')).toHaveText([/^Rework rate: 5% → 40% \(\+35 points\) in the week from \d{4}-\d\d-\d\d, n 20 → 20$/]);
  await support.getByText('Week by week').click();
  await expect(support.getByTestId('kpi-weeks-support-replies').locator('tbody tr td[data-kpi="rework"] .kpi-weeks__figure')).toHaveText(['5%', '40%']);
  await support.screenshot({ path: test.info().outputPath('kpi-alarm-card.png') });
});
