import type { Locator, Page, BrowserContext } from '@playwright/test';
import { LANES_SETTING_KEY } from '@/lib/lanes/lane-store';
import type { Lane } from '@/lib/schemas/lane';
import type { HandoffPacket } from '@/lib/schemas/proposal';
import { type FakeHubSpot, hubspotSeed } from './fake-hubspot';
import { sendFromOptions } from './extension-pages';

export const HUBSPOT_ORIGIN = 'https://app.hubspot.com';
export const recordUrl = (objectTypeId: string, objectId: string) => `${HUBSPOT_ORIGIN}/contacts/${hubspotSeed.portalId}/record/${objectTypeId}/${objectId}`;

// HubSpot's markup is unpublished and the adapter reads the API, not the DOM: a small shell with a header
// and a body region stands in for the app. It moves between records the way the app does, with pushState.
const appShell = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>HubSpot</title></head>
<body style="margin:0;font-family:sans-serif">
  <header style="height:64px;background:#2d3e50;color:#fff;display:flex;align-items:center;padding:0 16px">HubSpot</header>
  <main id="record-root" style="padding:16px">
    <nav><a href="/contacts/${hubspotSeed.portalId}/record/0-1/${hubspotSeed.ids.contact}" data-spa>Contact</a> ·
    <a href="/contacts/${hubspotSeed.portalId}/record/0-3/${hubspotSeed.ids.deal}" data-spa>Deal</a></nav>
    <h1 id="record-title">Record</h1>
  </main>
  <script>
    document.addEventListener('click', (e) => {
      const a = e.target.closest('a[data-spa]');
      if (!a) return;
      e.preventDefault();
      history.pushState({}, '', a.getAttribute('href'));
    });
  </script>
</body></html>`;

/**
 * Serves HubSpot's app at its real origin and forwards the app's API calls (/api/...) to the fake unchanged:
 * method, headers as the browser sent them (cookies and the CSRF header included) and body.
 */
export async function serveHubSpot(context: BrowserContext, fake: FakeHubSpot): Promise<void> {
  await context.addCookies([
    { name: 'hubspotapi', value: hubspotSeed.session.cookie, url: HUBSPOT_ORIGIN, httpOnly: true, secure: true, sameSite: 'Lax' },
    { name: 'hubspotapi-csrf', value: hubspotSeed.session.csrf, url: HUBSPOT_ORIGIN, secure: true, sameSite: 'Lax' },
  ]);
  await context.route(`${HUBSPOT_ORIGIN}/**`, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/')) {
      return url.pathname.startsWith('/contacts/')
        ? route.fulfill({ contentType: 'text/html', body: appShell })
        : route.fulfill({ status: 404, body: 'not part of the demo portal' });
    }
    const headers = await request.allHeaders();
    for (const name of Object.keys(headers)) if (name === 'host' || name.startsWith(':')) delete headers[name];
    const body = request.postDataBuffer();
    const response = await fetch(`${fake.url}${url.pathname}${url.search}`, {
      method: request.method(),
      headers,
      body: body ? new Uint8Array(body) : undefined,
    });
    await route.fulfill({ status: response.status, headers: { 'content-type': response.headers.get('content-type') ?? 'application/json', ...retryHeaders(response) }, body: Buffer.from(await response.arrayBuffer()) });
  });
}

function retryHeaders(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    if (key === 'retry-after' || key.startsWith('x-hubspot-ratelimit')) out[key] = value;
  });
  return out;
}

/** Puts one row in a store of the extension's database, from the extension's own page: test setup only. */
async function putRow(context: BrowserContext, extensionId: string, store: string, row: unknown): Promise<void> {
  // The background opens (and creates) the database on its first query.
  await sendFromOptions(context, extensionId, 'audit.recent', { limit: 1 });
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.evaluate(
      ({ store, row }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('calm-triage');
          open.onerror = () => reject(new Error('cannot open the database'));
          open.onsuccess = () => {
            const tx = open.result.transaction(store, 'readwrite');
            tx.objectStore(store).put(row);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(new Error(`cannot write to ${store}`));
          };
        }),
      { store, row },
    );
  } finally {
    await page.close();
  }
}

/** A waiting handoff packet, stored exactly as the Gmail lane stores one (lib/triage/handoff.ts). */
export function seedHandoff(context: BrowserContext, extensionId: string, p: HandoffPacket): Promise<void> {
  return putRow(context, extensionId, 'pending', { id: p.id, kind: 'handoff', subject: p.fromThreadId, status: 'waiting', createdAt: p.createdAt, updatedAt: p.createdAt, value: p });
}

/** The admin's own lanes, stored where the lane store reads them (lib/lanes/lane-store.ts). */
export function seedLanes(context: BrowserContext, extensionId: string, lanes: Lane[]): Promise<void> {
  return putRow(context, extensionId, 'settings', { key: LANES_SETTING_KEY, value: lanes });
}

/** The panel as a rep sees it on a HubSpot record (Playwright pierces its open shadow root). */
export class HubSpotPanel {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.locator('calm-triage-panel [data-testid=triage-panel]');
  }
  fact(name: 'name' | 'owner' | 'stage' | 'path') {
    return this.root.getByTestId(`fact-${name}`);
  }
  row(property: string) {
    return this.root.locator(`[data-testid=proposal][data-property="${property}"]`);
  }
  get rows() {
    return this.root.getByTestId('proposal');
  }
  button(property: string, name: 'Accept' | 'Edit' | 'Reject' | 'Undo' | 'Review again') {
    return this.row(property).getByRole('button', { name, exact: true });
  }
  get writeApproved() {
    return this.root.getByTestId('write-approved');
  }
  /** Proposed follow-up tasks, in the same list as the field proposals. */
  get tasks() {
    return this.root.getByTestId('task-proposal');
  }
}
