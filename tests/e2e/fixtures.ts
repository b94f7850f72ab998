import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { launchWithExtension } from '../support/chromium';
import { serveGmailWorkspace } from '../support/gmail-workspace';

interface Fixtures {
  /** Keep the setup tab the install opens (the first-run spec); other specs have it closed. */
  keepSetupTab: boolean;
  /** Extra Chromium switches for one spec (host mapping to a local HTTPS stand-in, say). */
  chromiumArgs: string[];
  /** Load the product build (closed shadow root) instead of the inspectable one. */
  productBuild: boolean;
  context: BrowserContext;
  extensionId: string;
  /** Errors thrown into host pages; every test asserts there are none. */
  pageErrors: string[];
  gmail: Page;
}

export const test = base.extend<Fixtures>({
  keepSetupTab: [false, { option: true }],
  chromiumArgs: [[], { option: true }],
  productBuild: [false, { option: true }],
  context: async ({ keepSetupTab, chromiumArgs, productBuild }, use) => {
    const { context } = await launchWithExtension({ headless: true, keepSetupTab, args: chromiumArgs, product: productBuild });
    await serveGmailWorkspace(context);
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(new URL(worker.url()).host);
  },
  pageErrors: async ({}, use) => {
    const errors: string[] = [];
    await use(errors);
    expect(errors, 'errors thrown into the host page').toEqual([]);
  },
  gmail: async ({ context, pageErrors }, use) => {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await use(page);
  },
});

export { expect };
