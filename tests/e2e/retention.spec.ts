import type { BrowserContext } from '@playwright/test';
import type { HandoffPacket } from '@/lib/schemas/proposal';
import { test, expect } from './hubspot-fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { loadSampleSops, sendFromOptions } from '../support/extension-pages';
import { hubspotSeed } from '../support/fake-hubspot';
import { HubSpotPanel, recordUrl, seedHandoff } from '../support/hubspot-page';

// Retention in the built extension: resolved work leaves the stores once the period is over (the background's clock
// moved forward in the test), and "Delete all local data" empties every store while the panel keeps working.


const REFUND = 'e7cc78b40b7bf13c';
const REFUND_SUBJECT = 'Refund for annual plan renewal';
const CRM_VALUE = 'Head of Procurement';
const DAY_MS = 24 * 60 * 60 * 1000;
/** The SOP library is kept by design (it is the team's, not the customer's): its stores are not searched for mail. */
const LIBRARY_STORES = new Set(['sops', 'passages']);
const LIBRARY_BLOBS = new Set(['sop-index']);
/** A greeting or heading line rather than a sentence of the reply's body. */
const NOT_A_BODY_SENTENCE = /^\[|^#|^Hi\b|^Hello\b|^Dear\b/;

/** Every row of every store of the extension's database, read from the options page (the extension's origin). */
async function dumpStores(context: BrowserContext, extensionId: string): Promise<Record<string, unknown[]>> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html#general`);
    return await page.evaluate(
      () =>
        new Promise<Record<string, unknown[]>>((resolve, reject) => {
          const open = indexedDB.open('calm-triage');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const names = Array.from(db.objectStoreNames);
            const tx = db.transaction(names, 'readonly');
            const out: Record<string, unknown[]> = {};
            for (const name of names) {
              const request = tx.objectStore(name).getAll();
              request.onsuccess = () => (out[name] = request.result);
            }
            tx.oncomplete = () => (db.close(), resolve(out));
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
  } finally {
    await page.close();
  }
}

/** The stores' content a customer's mail or CRM values could be in: everything but the SOP library. */
async function customerData(context: BrowserContext, extensionId: string): Promise<string> {
  const stores = await dumpStores(context, extensionId);
  const kept = Object.entries(stores).flatMap(([name, rows]) =>
    LIBRARY_STORES.has(name) ? [] : rows.filter((r) => !(name === 'blobs' && LIBRARY_BLOBS.has((r as { key: string }).key))),
  );
  return JSON.stringify(kept);
}

/** The background's clock, moved forward: what page.clock does for a page, for the service worker. */
async function moveBackgroundClock(context: BrowserContext, ms: number): Promise<void> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate((offset) => {
    const real = Date.now.bind(Date);
    Date.now = () => real() + offset;
  }, ms);
}

test('after the retention period the stores hold no subject, draft text or CRM value of resolved work; "Delete all local data" empties every store and the panel still classifies', async ({ context, extensionId, gmail, hubspot, fake }) => {
  await loadSampleSops(context, extensionId);

  // A Gmail thread triaged and its draft rejected: resolved.
  const panel = new GmailPanel(gmail);
  await panel.openThread(REFUND);
  const review = panel.root.getByTestId('draft-ready');
  await expect(review).toBeVisible({ timeout: 15_000 });
  const draftText = await review.getByTestId('review-text').inputValue();
  const draftSentence = draftText.split('\n').map((l) => l.trim()).find((l) => l.length > 30 && !NOT_A_BODY_SENTENCE.test(l)) ?? draftText.trim();
  await review.getByRole('button', { name: 'Reject this draft…' }).click();
  await review.getByRole('button', { name: 'Reject draft' }).click();
  await expect(panel.root.getByTestId('section-draft')).toContainText(/rejected/i);

  // A HubSpot field written from a handoff: resolved, with the CRM value in the rows and the audit log.
  const packet: HandoffPacket = {
    id: 'handoff:gmail:3f9a1c2b7d4e5f60',
    createdAt: Date.now(),
    fromThreadId: 'gmail:3f9a1c2b7d4e5f60',
    lane: 'lead-routing',
    contactEmail: 'priya@kestrel-foods.example',
    company: 'Kestrel Foods',
    fields: { jobtitle: CRM_VALUE },
    status: 'waiting',
  };
  await seedHandoff(context, extensionId, packet);
  const crm = new HubSpotPanel(hubspot);
  await hubspot.goto(recordUrl('0-1', hubspotSeed.ids.contact));
  await crm.button('jobtitle', 'Accept').click();
  await expect(crm.row('jobtitle')).toHaveAttribute('data-status', 'accepted');
  await crm.writeApproved.click();
  await expect(crm.row('jobtitle')).toHaveAttribute('data-status', 'written');
  expect(fake.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  await hubspot.close();

  const before = await customerData(context, extensionId);
  expect(before).toContain(REFUND_SUBJECT);
  expect(before).toContain(draftSentence);
  expect(before).toContain(CRM_VALUE);

  // 31 days later, with the default 30-day period: the purge (as at start-up or daily) leaves none of it.
  await moveBackgroundClock(context, 31 * DAY_MS);
  expect(await sendFromOptions(context, extensionId, 'privacy.setRetention', { days: 30 })).toMatchObject({ ok: true });
  const after = await customerData(context, extensionId);
  expect(after).not.toContain(REFUND_SUBJECT);
  expect(after).not.toContain(draftSentence);
  expect(after).not.toContain(CRM_VALUE);

  // Delete all local data, as the admin does it in Options.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#general`);
  await options.getByRole('button', { name: 'Delete all local data…' }).click();
  await options.locator('input[name=confirm-delete]').fill('delete');
  await options.getByRole('button', { name: 'Delete everything' }).click();
  await expect.poll(async () => Object.values(await dumpStores(context, extensionId)).reduce((n, rows) => n + rows.length, 0)).toBe(0);
  expect(await options.evaluate(() => chrome.storage.local.get(null))).toEqual({});
  await options.close();

  // The model keeps working: the thread is classified again, from the shipped model, with an empty library.
  await panel.openThread(REFUND);
  await expect(panel.root.getByTestId('classification')).toBeVisible({ timeout: 15_000 });
});
