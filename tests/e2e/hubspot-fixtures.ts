import type { Page } from '@playwright/test';
import { test as base, expect } from './fixtures';
import { type FakeHubSpot, type FakeHubSpotOptions, startFakeHubSpot } from '../support/fake-hubspot';
import { serveHubSpot } from '../support/hubspot-page';

/** Specs on HubSpot record pages: the fake HubSpot serves the app's API calls, and a page for the record. */
export const test = base.extend<{ fakeOptions: FakeHubSpotOptions; fake: FakeHubSpot; hubspot: Page }>({
  /** How the stand-in behaves for one spec (e.g. 400s with only the packed message). */
  fakeOptions: [{}, { option: true }],
  fake: async ({ context, fakeOptions }, use) => {
    const fake = await startFakeHubSpot(fakeOptions);
    await serveHubSpot(context, fake);
    await use(fake);
    expect(fake.unexpected, 'requests the fake HubSpot did not expect').toEqual([]);
    await fake.close();
  },
  hubspot: async ({ context, pageErrors, fake }, use) => {
    void fake;
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await use(page);
  },
});

export { expect };
