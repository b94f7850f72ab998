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

export const extensionPath = path.resolve(import.meta.dirname, '../../.output/chrome-mv3');

/**
 * Starts Chromium with the built extension loaded, in a fresh profile. Installing opens the first-run setup tab;
 * it is closed as it appears unless `keepSetupTab` (the first-run spec), so other specs see only their own pages.
 */
export async function launchWithExtension(options: { headless: boolean; keepSetupTab?: boolean; args?: string[] }): Promise<{ context: BrowserContext; extensionId: string }> {
  if (!existsSync(path.join(extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionPath}: run npm run build first.`);
  }
  const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'calm-triage-')), {
    executablePath: chromiumPath(),
    headless: options.headless,
    viewport: { width: 1400, height: 900 },
    args: [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
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
