// Host-page figures in real Chromium with the built extension: content-script size, time from
// Gmail's thread view in the DOM to the facts in the panel, and long tasks during the openings.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchWithExtension, extensionPath } from '../tests/support/chromium';
import { gmailFixtures, serveGmailWorkspace } from '../tests/support/gmail-workspace';
import { inboxPage, timeThreadOpening } from './thread-opening';
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
    const page = await inboxPage(context);
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
      const ms = await timeThreadOpening(page, threads[i % threads.length]!, 'facts');
      if (i >= WARMUP) samples.push(ms);
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
