import { test, expect } from './fixtures';
import { hubspotSeed, startFakeHubSpot } from '../support/fake-hubspot';
import { HubSpotPanel, recordUrl, seedHandoff, serveHubSpot } from '../support/hubspot-page';

// The documented alternative path: an admin's private-app token, used by the background against api.hubapi.com.

test('with a private-app token set in options, the background reads and writes through api.hubapi.com with the same approval flow', async ({ context, extensionId, pageErrors }) => {
  const fake = await startFakeHubSpot();
  try {
    await serveHubSpot(context, fake);
    // The service worker's calls to HubSpot's public API reach the fake unchanged.
    await context.route('https://api.hubapi.com/**', async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      const headers = await request.allHeaders();
      for (const name of Object.keys(headers)) if (name === 'host' || name.startsWith(':')) delete headers[name];
      const response = await fetch(`${fake.url}${url.pathname}${url.search}`, { method: request.method(), headers, body: request.postData() ?? undefined });
      await route.fulfill({ status: response.status, contentType: response.headers.get('content-type') ?? 'application/json', body: Buffer.from(await response.arrayBuffer()) });
    });
    await seedHandoff(context, extensionId, {
      id: 'handoff:gmail:token-path',
      createdAt: Date.now(),
      fromThreadId: 'gmail:token-path',
      lane: 'lead-routing',
      contactEmail: 'priya@kestrel-foods.example',
      company: 'Kestrel Foods',
      fields: { jobtitle: 'Head of Procurement' },
      status: 'waiting',
    });

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByLabel('Private-app token').fill(hubspotSeed.token);
    await options.getByRole('button', { name: 'Save token' }).click();
    await expect(options.getByTestId('hubspot-path')).toContainText('private-app token (');
    await expect(options.getByTestId('hubspot-path')).not.toContainText(hubspotSeed.token);

    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const panel = new HubSpotPanel(page);
    await page.goto(recordUrl('0-1', hubspotSeed.ids.contact));
    await expect(panel.fact('path')).toHaveText('Private-app token (set by an admin)');
    await panel.button('jobtitle', 'Accept').click();
    await panel.writeApproved.click();
    await expect(panel.row('jobtitle')).toHaveAttribute('data-status', 'written');

    const patches = fake.requests.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0]!.path).toBe(`/crm/v3/objects/0-1/${hubspotSeed.ids.contact}`);
    expect(patches[0]!.headers.authorization).toBe(`Bearer ${hubspotSeed.token}`);
    expect(patches[0]!.headers.cookie).toBeUndefined();
    expect(patches[0]!.body).toEqual({ properties: { jobtitle: 'Head of Procurement' } });
    // The token never reached the page.
    expect(await page.content()).not.toContain(hubspotSeed.token);
    expect(fake.unexpected).toEqual([]);
  } finally {
    await fake.close();
  }
});
