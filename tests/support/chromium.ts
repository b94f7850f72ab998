import { existsSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { findChromium } from '../../scripts/chromium-path.mjs';
import { tmpdir } from 'node:os';

/** Debian's Chromium: Playwright cannot download its own browser on this machine. */
export function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error('Chromium not found. Install it with: sudo apt-get install chromium (or set CHROMIUM_PATH).');
  return found;
}

/** The extension as shipped (`npm run build`, `npm run zip`): the panel's shadow root is closed. */
export const productExtensionPath = path.resolve(import.meta.dirname, '../../.output/chrome-mv3');
/**
 * The same code built with `WXT_PANEL_SHADOW=open`: the only difference is an open shadow root, so Playwright's locators,
 * the benchmarks and the demo script can see inside the panel. tests/e2e/closed-panel.spec.ts checks the product build.
 */
export const extensionPath = path.resolve(import.meta.dirname, '../../.output/chrome-mv3-inspectable');

/**
 * Starts Chromium with the built extension loaded, in a fresh profile. Installing opens the first-run setup tab;
 * it is closed as it appears unless `keepSetupTab` (the first-run spec), so other specs see only their own pages.
 */
export async function launchWithExtension(options: { headless: boolean; keepSetupTab?: boolean; args?: string[]; product?: boolean }): Promise<{ context: BrowserContext; extensionId: string }> {
  const built = options.product ? productExtensionPath : extensionPath;
  if (!existsSync(path.join(built, 'manifest.json'))) {
    throw new Error(`No built extension at ${built}: run ${options.product ? 'npm run build' : 'WXT_PANEL_SHADOW=open npx wxt build'} first.`);
  }
  const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'calm-triage-')), {
    executablePath: chromiumPath(),
    headless: options.headless,
    viewport: { width: 1400, height: 900 },
    args: [
      `--disable-extensions-except=${built}`,
      `--load-extension=${built}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-sync',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      ...(options.args ?? []),
    ],
  });
  if (!options.keepSetupTab) {
    const closeIfSetup = (page: Page) =>
      void page
        .waitForURL(/\/options\.html#setup$/, { timeout: 10_000 })
        .then(() => page.close())
        .catch(() => undefined); // any other page is left alone
    context.pages().forEach(closeIfSetup);
    context.on('page', closeIfSetup);
  }
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId };
}
