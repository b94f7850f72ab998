// Host-page figures in real Chromium with the built extension: content-script size, time from
// Gmail's thread view in the DOM to the facts in the panel, and long tasks during the openings.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchWithExtension, extensionPath } from '../tests/support/chromium';
import { gmailFixtures, inboxUrl, serveGmailWorkspace } from '../tests/support/gmail-workspace';
import { percentiles, round, type Figure } from './figures';

export function contentScriptFigures(): Figure[] {
  const dir = path.join(extensionPath, 'content-scripts');
  const sizes = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const bytes = readFileSync(path.join(dir, f));
      return { f, raw: bytes.length / 1024, gzip: gzipSync(bytes).length / 1024 };
    });
  const largest = sizes.reduce((a, b) => (b.gzip > a.gzip ? b : a));
  return [
    { name: 'content_script_gzip_kb', value: round(largest.gzip, 1), unit: 'KB', target: '< 150' },
    { name: 'content_script_raw_kb', value: round(largest.raw, 1), unit: 'KB' },
    ...sizes.map((s) => ({ name: `content_script_${s.f.replace(/\.js$/, '')}_gzip_kb`, value: round(s.gzip, 1), unit: 'KB' })),
  ];
}

const OPENINGS = 40;
const WARMUP = 4;

export async function panelFigures(): Promise<Figure[]> {
  const { context } = await launchWithExtension({ headless: true });
  try {
    await serveGmailWorkspace(context);
    // tsx compiles with keepNames, which wraps functions passed to evaluate() in __name().
    await context.addInitScript('globalThis.__name = globalThis.__name || ((f) => f)');
    const page = await context.newPage();
    await page.goto(inboxUrl);
    await page.locator('calm-triage-panel [data-testid=state-list]').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    const threads = gmailFixtures()
      .map((f) => f.truth.threadId)
      .filter((id): id is string => !!id);
    const samples: number[] = [];
    for (let i = 0; i < OPENINGS + WARMUP; i++) {
      const id = threads[i % threads.length]!;
      const ms = await page.evaluate(
        (threadId) =>
          new Promise<number>((resolve, reject) => {
            const timeout = setTimeout(() => reject(new Error(`panel never showed ${threadId}`)), 10_000);
            let threadInDom = 0;
            const host = document.querySelector('calm-triage-panel');
            const shadow = host?.shadowRoot;
            if (!shadow) return reject(new Error('panel not mounted'));
            const check = () => {
              if (!threadInDom && document.querySelector(`h2.hP[data-legacy-thread-id="${threadId}"]`)) threadInDom = performance.now();
              const fact = shadow.querySelector('[data-testid=fact-thread-id]');
              if (threadInDom && fact?.textContent === threadId) {
                pageObserver.disconnect();
                panelObserver.disconnect();
                clearTimeout(timeout);
                resolve(performance.now() - threadInDom);
              }
            };
            const pageObserver = new MutationObserver(check);
            pageObserver.observe(document.body, { childList: true, subtree: true });
            const panelObserver = new MutationObserver(check);
            panelObserver.observe(shadow, { childList: true, subtree: true, characterData: true });
            location.hash = `#inbox/${threadId}`;
          }),
        id,
      );
      if (i >= WARMUP) samples.push(ms);
      await page.evaluate(() => (location.hash = '#inbox'));
      await page.locator('calm-triage-panel [data-testid=state-list]').waitFor();
    }
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    if (process.env.BENCH_DEBUG) console.log('long tasks (ms):', longTasks);
    const { p50, p95 } = percentiles(samples);
    return [
      { name: 'panel_facts_ms_p50', value: round(p50), unit: 'ms' },
      { name: 'panel_facts_ms_p95', value: round(p95), unit: 'ms', target: '< 100' },
      { name: 'panel_facts_openings', value: samples.length, unit: 'openings' },
      { name: 'host_long_tasks_over_50ms', value: longTasks.filter((d) => d > 50).length, unit: 'tasks', target: '<= 0' },
    ];
  } finally {
    await context.close();
  }
}
