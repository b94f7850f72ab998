// npm run demo: Chromium with the built extension on a local Gmail workspace (the saved pages
// served at Gmail's real URL), local engine. --headless (or DEMO_HEADLESS=1) screenshots and exits.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchWithExtension } from '../tests/support/chromium';
import { inboxUrl, serveGmailWorkspace, threadUrl } from '../tests/support/gmail-workspace';
import { loadSampleSops } from '../tests/support/extension-pages';

const wantsHeadless = process.argv.includes('--headless') || process.env.DEMO_HEADLESS === '1';
const headless = wantsHeadless || !process.env.DISPLAY;
if (!wantsHeadless && headless) {
  console.log('No display found: running headless and saving screenshots. (Use xvfb-run, or a desktop session, to click around.)');
}

const { context, extensionId } = await launchWithExtension({ headless });
await serveGmailWorkspace(context);
await loadSampleSops(context, extensionId);
const page = context.pages()[0] ?? (await context.newPage());
const thread = process.env.DEMO_THREAD ?? 'e7cc78b40b7bf13c';
await page.goto(threadUrl(thread));
await page.locator('calm-triage-panel [data-testid=thread-facts]').waitFor({ timeout: 15_000 });
await page.locator('calm-triage-panel [data-testid=draft-ready]').waitFor({ timeout: 15_000 });

if (headless) {
  const out = path.resolve(process.env.DEMO_OUT ?? 'demo-screenshots');
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, 'gmail-thread.png') });
  await page.locator('calm-triage-panel [data-testid=triage-panel]').screenshot({ path: path.join(out, 'panel.png') });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('heading', { name: 'Calm Triage' }).waitFor();
  await options.screenshot({ path: path.join(out, 'options.png'), fullPage: true });
  console.log(`Screenshots written to ${out}: gmail-thread.png, panel.png, options.png`);
  await context.close();
} else {
  console.log(`Demo workspace open at ${inboxUrl} (thread ${thread}).`);
  console.log(`Options page: chrome-extension://${extensionId}/options.html`);
  console.log('Close the browser window to end the demo.');
  await new Promise<void>((resolve) => context.on('close', () => resolve()));
}
