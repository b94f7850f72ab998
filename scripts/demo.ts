// npm run demo: Chromium with the built extension on a local demo workspace, local engine:
// the saved Gmail pages served at Gmail's real URL, and a HubSpot portal (a local stand-in for
// HubSpot's CRM API) at HubSpot's real record URLs. --headless (or DEMO_HEADLESS=1) screenshots and exits;
// --store-screenshots writes the Chrome Web Store's 1280×800 images (Gmail panel, HubSpot record, options, popup) and exits.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { launchWithExtension } from '../tests/support/chromium';
import { inboxUrl, serveGmailWorkspace, threadUrl } from '../tests/support/gmail-workspace';
import { loadSampleSops } from '../tests/support/extension-pages';
import { hubspotSeed, startFakeHubSpot } from '../tests/support/fake-hubspot';
import { recordUrl, serveHubSpot } from '../tests/support/hubspot-page';

const storeShots = process.argv.includes('--store-screenshots');
const wantsHeadless = storeShots || process.argv.includes('--headless') || process.env.DEMO_HEADLESS === '1';
const headless = wantsHeadless || !process.env.DISPLAY;
if (!wantsHeadless && headless) {
  console.log('No display found: running headless and saving screenshots. (Use xvfb-run, or a desktop session, to click around.)');
}

const { context, extensionId } = await launchWithExtension({ headless });
const hubspot = await startFakeHubSpot();
await serveGmailWorkspace(context);
await serveHubSpot(context, hubspot);
await loadSampleSops(context, extensionId);

const panel = (page: Page) => page.locator('calm-triage-panel [data-testid=triage-panel]');
const gmail = context.pages()[0] ?? (await context.newPage());
const thread = process.env.DEMO_THREAD ?? 'e7cc78b40b7bf13c';
// The RFQ thread first: triaging it leaves a handoff packet for the buyer's deal in HubSpot.
await gmail.goto(threadUrl('820a37957b2c554b'));
await panel(gmail).getByText('Waiting for HubSpot').waitFor({ timeout: 20_000 });
const rfqShot = headless ? await panel(gmail).screenshot() : null;
await gmail.goto(threadUrl(thread));
await panel(gmail).getByTestId('draft-ready').waitFor({ timeout: 20_000 });

const crm = await context.newPage();
const dealUrl = recordUrl('0-3', hubspotSeed.ids.rfqDeal!);
await crm.goto(dealUrl);
await panel(crm).getByTestId('proposal').first().waitFor({ timeout: 20_000 });

/** The store's screenshot size: each page is shown at exactly 1280×800. */
const STORE = { width: 1280, height: 800 };

async function storeScreenshots(out: string) {
  mkdirSync(out, { recursive: true });
  const shoot = async (page: Page, name: string) => {
    await page.bringToFront();
    await page.setViewportSize(STORE);
    await page.screenshot({ path: path.join(out, name) });
  };
  await shoot(gmail, 'store-gmail-panel.png');
  await shoot(crm, 'store-hubspot-record.png');
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#sops`);
  await options.getByTestId('sop-row').first().waitFor({ timeout: 10_000 });
  await shoot(options, 'store-options.png');
  // The popup is 340 px wide: shown enlarged on a plain backdrop so it reads at the store's size.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByTestId('popup-status').waitFor();
  await popup.addStyleTag({
    content: 'html,body{height:100%}body{display:grid;place-items:center;background:#e9edf2}.popup{background:#fff;border-radius:10px;box-shadow:0 8px 30px rgba(0,0,0,.18);zoom:1.7}',
  });
  await shoot(popup, 'store-popup.png');
  console.log(`Store screenshots (1280×800) written to ${out}: store-gmail-panel.png, store-hubspot-record.png, store-options.png, store-popup.png`);
}

if (storeShots) {
  await storeScreenshots(path.resolve(process.env.DEMO_OUT ?? 'demo-screenshots'));
  await context.close();
  await hubspot.close();
} else if (headless) {
  const out = path.resolve(process.env.DEMO_OUT ?? 'demo-screenshots');
  mkdirSync(out, { recursive: true });
  await gmail.bringToFront();
  await gmail.screenshot({ path: path.join(out, 'gmail-thread.png') });
  // Tall enough to show the whole panel, draft and review gate included.
  await gmail.setViewportSize({ width: 1400, height: 2400 });
  await panel(gmail).screenshot({ path: path.join(out, 'panel.png') });
  await gmail.setViewportSize({ width: 1400, height: 900 });
  if (rfqShot) (await import('node:fs')).writeFileSync(path.join(out, 'panel-rfq.png'), rfqShot);
  await crm.bringToFront();
  await crm.screenshot({ path: path.join(out, 'hubspot-deal.png') });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('heading', { name: 'Calm Triage' }).waitFor();
  await options.screenshot({ path: path.join(out, 'options.png'), fullPage: true });
  console.log(`Screenshots written to ${out}: gmail-thread.png, panel.png, panel-rfq.png, hubspot-deal.png, options.png`);
  await context.close();
  await hubspot.close();
} else {
  await gmail.bringToFront();
  console.log(`Gmail demo workspace: ${inboxUrl} (open thread ${thread}).`);
  console.log(`HubSpot demo portal: ${dealUrl} (the RFQ's deal, with the handoff from Gmail).`);
  console.log(`Options page: chrome-extension://${extensionId}/options.html`);
  console.log('Close the browser window to end the demo.');
  await new Promise<void>((resolve) => context.on('close', () => resolve()));
  await hubspot.close();
}
