import type { BrowserContext } from '@playwright/test';

/** Sends one typed message from the extension's own options page, as an admin action would. */
export async function sendFromOptions(context: BrowserContext, extensionId: string, type: string, payload: unknown): Promise<unknown> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    return await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const);
  } finally {
    await page.close();
  }
}

/** Imports the demo company's sample SOP library (the same as the options page's "Load sample SOPs"). */
export async function loadSampleSops(context: BrowserContext, extensionId: string): Promise<void> {
  const answer = (await sendFromOptions(context, extensionId, 'sop.loadSamples', {})) as { ok: boolean };
  if (!answer.ok) throw new Error(`loading the sample SOPs failed: ${JSON.stringify(answer)}`);
}
