// Opens a Gmail thread by hash in the demo workspace and times, in the page, from the thread view
// being in the DOM to the panel showing what `until` asks for. Shared by the panel and draft figures.
import type { BrowserContext, Page } from '@playwright/test';
import { inboxUrl } from '../tests/support/gmail-workspace';

export type PanelMilestone = 'facts' | 'first-draft-text';

/** A page on the Gmail inbox with the panel mounted, ready for timed openings. */
export async function inboxPage(context: BrowserContext, initScript?: string): Promise<Page> {
  // tsx compiles with keepNames, which wraps functions passed to evaluate() in __name().
  await context.addInitScript('globalThis.__name = globalThis.__name || ((f) => f)');
  const page = await context.newPage();
  if (initScript) await page.addInitScript(initScript);
  await page.goto(inboxUrl);
  await page.locator('calm-triage-panel [data-testid=state-list]').waitFor();
  return page;
}

/** Milliseconds from the thread's h2 in the DOM to the milestone in the panel; then back to the inbox. */
export async function timeThreadOpening(page: Page, threadId: string, until: PanelMilestone): Promise<number> {
  const ms = await page.evaluate(
    ([id, milestone]) =>
      new Promise<number>((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error(`panel never reached ${milestone} for ${id}`)), 15_000);
        const shadow = document.querySelector('calm-triage-panel')?.shadowRoot;
        if (!shadow) return reject(new Error('panel not mounted'));
        let threadInDom = 0;
        const reached = () => {
          if (milestone === 'facts') return shadow.querySelector('[data-testid=fact-thread-id]')?.textContent === id;
          const live = shadow.querySelector('[data-testid=draft-streaming] .draft--live');
          return (!!live && !live.textContent?.startsWith('Writing a draft')) || !!shadow.querySelector('[data-testid=draft-text]');
        };
        const check = () => {
          if (!threadInDom && document.querySelector(`h2.hP[data-legacy-thread-id="${id}"]`)) threadInDom = performance.now();
          if (!threadInDom || !reached()) return;
          pageObserver.disconnect();
          panelObserver.disconnect();
          clearTimeout(timeout);
          resolve(performance.now() - threadInDom);
        };
        const pageObserver = new MutationObserver(check);
        pageObserver.observe(document.body, { childList: true, subtree: true });
        const panelObserver = new MutationObserver(check);
        panelObserver.observe(shadow, { childList: true, subtree: true, characterData: true });
        location.hash = `#inbox/${id}`;
      }),
    [threadId, until] as const,
  );
  await page.evaluate(() => (location.hash = '#inbox'));
  await page.locator('calm-triage-panel [data-testid=state-list]').waitFor();
  return ms;
}
