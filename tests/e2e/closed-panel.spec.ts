import { test, expect } from './fixtures';
import { loadSampleSops } from '../support/extension-pages';
import { threadUrl } from '../support/gmail-workspace';

// The build that ships: the panel's shadow root is closed, so a page script cannot reach its buttons or its text.
test.use({ productBuild: true });

test('in the product build the panel works behind a closed shadow root the page cannot open', async ({ context, extensionId, gmail }) => {
  await loadSampleSops(context, extensionId);
  await gmail.goto(threadUrl('e7cc78b40b7bf13c'));
  const host = gmail.locator('calm-triage-panel');
  await expect(host).toBeAttached({ timeout: 15_000 });
  // The panel is there and laid out beside the thread...
  await expect.poll(async () => (await host.boundingBox())?.width ?? 0, { timeout: 15_000 }).toBeGreaterThan(200);
  // ...its triage ran (the background recorded the thread as triaged)...
  await expect
    .poll(async () => {
      const worker = context.serviceWorkers()[0]!;
      return worker.evaluate(async () => {
        const open = indexedDB.open('calm-triage');
        const db: IDBDatabase = await new Promise((resolve, reject) => {
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const row: { lastTriaged: number | null } | undefined = await new Promise((resolve) => {
          const get = db.transaction('threads').objectStore('threads').get('gmail:e7cc78b40b7bf13c');
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => resolve(undefined);
        });
        db.close();
        return row?.lastTriaged ?? null;
      });
    }, { timeout: 20_000 })
    .not.toBeNull();
  // ...and the page sees no way in: no shadow root, no panel text, no buttons to click.
  const seen = await gmail.evaluate(() => {
    const el = document.querySelector('calm-triage-panel')!;
    return { shadowRoot: el.shadowRoot === null ? null : 'open', buttons: el.querySelectorAll('button').length, text: el.textContent ?? '' };
  });
  expect(seen).toEqual({ shadowRoot: null, buttons: 0, text: '' });
});
