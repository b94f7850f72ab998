// The panel beside Gmail's own right-hand things: compose windows, the side panel (Gemini, Calendar, Keep,
// Tasks) with its rail, and the top bar's Ask Gemini. The demo workspace builds them from InboxSDK's public
// description, pinned to the window ('fixed') or moving with the page ('flow'): both must hold.
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { serveGmailWorkspace } from '../support/gmail-workspace';

const THREAD = 'c6cb4b97a0f30878';

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box | null> {
  return (await locator.count()) === 0 ? null : locator.first().boundingBox();
}

function overlap(a: Box | null, b: Box | null): boolean {
  if (a === null || b === null) return false;
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Whether the panel's box overlaps any of the given Gmail parts (polled: the dock follows within a frame). */
async function coveredBy(panel: Locator, ...parts: Locator[]): Promise<string[]> {
  const mine = await boxOf(panel);
  const hits: string[] = [];
  for (const part of parts) if (overlap(mine, await boxOf(part))) hits.push(part.toString());
  return hits;
}

for (const chrome of ['fixed', 'flow'] as const) {
  test.describe(`with Gmail's chrome ${chrome === 'fixed' ? 'pinned to the window' : 'moving with the page'}`, () => {
    test.beforeEach(async ({ context }) => {
      await serveGmailWorkspace(context, { chrome });
    });

    test('compose windows, the side panel, its rail and Ask Gemini stay uncovered', async ({ gmail }) => {
      const panel = new GmailPanel(gmail);
      await panel.openThread(THREAD);
      await expect(panel.fact('subject')).toHaveText('Mixer bowl arrived dented');
      const gemini = gmail.getByRole('button', { name: 'Ask Gemini' });
      const rail = gmail.locator('[role=complementary][aria-label="Side panel"]');
      const sidePanel = gmail.locator('.aUx .WN9Ejb');
      const mole = gmail.locator('div.dw .nn.nH');
      await expect(rail).toBeVisible();
      await expect.poll(() => coveredBy(panel.root, rail, gemini)).toEqual([]);

      // A compose window: Gmail puts it at the bottom right, where the panel is.
      await gmail.locator('[gh=cm]').click();
      await expect(mole).toBeVisible();
      await expect.poll(() => coveredBy(panel.root, mole)).toEqual([]);

      // Gmail's side panel opens from its rail, then Gemini from the top bar (a real click: nothing covers it).
      await rail.getByRole('button', { name: 'Calendar' }).click();
      await expect(sidePanel).toBeVisible();
      await expect.poll(() => coveredBy(panel.root, sidePanel, rail, mole, gemini)).toEqual([]);
      await expect.poll(() => coveredBy(mole, sidePanel, rail)).toEqual([]);
      await gemini.click();
      await expect(sidePanel).toContainText('Gemini');
      await expect.poll(() => coveredBy(panel.root, sidePanel, rail, mole, gemini)).toEqual([]);

      // The panel still shows the thread, and collapsing it keeps everyone clear.
      await expect(panel.fact('subject')).toHaveText('Mixer bowl arrived dented');
      await panel.toggle.click();
      await expect(panel.toggle).toHaveAttribute('aria-expanded', 'false');
      await expect.poll(() => coveredBy(panel.root, sidePanel, rail, mole, gemini)).toEqual([]);

      // Closing Gmail's side panel gives its room back to the panel.
      await panel.toggle.click();
      await gemini.click();
      await expect(sidePanel).toBeHidden();
      await expect.poll(() => coveredBy(panel.root, rail, mole, gemini)).toEqual([]);
      const viewport = gmail.viewportSize()!;
      const railBox = (await rail.boundingBox())!;
      const panelBox = (await panel.root.boundingBox())!;
      // Docked right beside the rail (pinned chrome) or at the window's edge with the rail left of it (flow).
      if (chrome === 'fixed') expect(Math.round(panelBox.x + panelBox.width)).toBe(Math.round(railBox.x));
      else expect(Math.round(panelBox.x + panelBox.width)).toBe(viewport.width);
    });
  });
}
