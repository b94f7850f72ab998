// Host-page figures in real Chromium with the built extension: content-script and panel-chunk sizes, time from
// Gmail's thread view in the DOM to the facts in the panel (first opening of a fresh tab, and later openings), and
// long tasks on the host page, attributed with Long Animation Frames.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from '@playwright/test';
import { launchWithExtension, productExtensionPath } from '../tests/support/chromium';
import { gmailFixtures, serveGmailWorkspace, threadUrl } from '../tests/support/gmail-workspace';
import { CONTENT_SCRIPT_START_MARK, PANEL_CHUNK_MEASURE, PANEL_FIRST_RENDER_MEASURE, START_CHUNK_MEASURE } from '../lib/ui/panel-timing';
import { inboxPage, timeThreadOpening } from './thread-opening';
import { ownerOf, type LongTaskLog } from './long-task-owner';
import { percentiles, round, type Figure } from './figures';

const gzipKb = (file: string) => {
  const bytes = readFileSync(file);
  return { raw: bytes.length / 1024, gzip: gzipSync(bytes).length / 1024 };
};

export function contentScriptFigures(): Figure[] {
  // Sizes of what ships (the product build). What loads on every page is a content script and the start chunk it
  // imports at once (components/dock/chunk-loader.ts): the figure is their sum, so moving code between them changes nothing.
  const dir = path.join(productExtensionPath, 'content-scripts');
  const sizes = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const site = f.replace(/\.js$/, '');
      const script = gzipKb(path.join(dir, f));
      const start = gzipKb(path.join(productExtensionPath, `${site}-start.js`));
      return { site, script, start, gzip: script.gzip + start.gzip, raw: script.raw + start.raw };
    });
  const largest = sizes.reduce((a, b) => (b.gzip > a.gzip ? b : a));
  const chunks = ['gmail-panel', 'hubspot-panel'].map((name) => ({ name, ...gzipKb(path.join(productExtensionPath, `${name}.js`)) }));
  return [
    { name: 'content_script_gzip_kb', value: round(largest.gzip, 1), unit: `KB (largest per page load: ${largest.site} content script + ${largest.site}-start chunk, gzip -9 of each, production build)`, target: '<= 60' },
    { name: 'content_script_raw_kb', value: round(largest.raw, 1), unit: 'KB (same files)' },
    ...sizes.map((s) => ({ name: `content_script_${s.site}_gzip_kb`, value: round(s.gzip, 1), unit: `KB (loader ${round(s.script.gzip, 1)} KB, compiled on the page's main thread; start chunk ${round(s.start.gzip, 1)} KB, parsed off it)` })),
    ...chunks.map((c) => ({ name: `panel_chunk_${c.name.replace(/-panel$/, '')}_gzip_kb`, value: round(c.gzip, 1), unit: `KB (${round(c.raw, 1)} KB raw; loaded once per tab on demand)` })),
  ];
}

const RUNS = 5;
const OPENINGS_PER_RUN = 30;
const FIRST_OPEN_TABS = 20;
const FIRST_OPEN_WARMUP = 2;

// Installed before Gmail's own scripts, so nothing the extension does in the tab escapes it.
const LONG_TASK_COLLECTOR = `(() => {
  const log = { longTasks: [], frames: [], loaf: PerformanceObserver.supportedEntryTypes.includes('long-animation-frame') };
  window.__calmLongTasks = log;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) log.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  if (log.loaf) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) log.frames.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration,
        renderStart: e.renderStart, styleAndLayoutStart: e.styleAndLayoutStart,
        scripts: e.scripts.map((s) => ({ url: s.sourceURL, invoker: s.invoker, start: s.startTime, duration: s.duration, forced: s.forcedStyleAndLayoutDuration })) });
    }).observe({ type: 'long-animation-frame', buffered: true });
  }
})()`;

async function openingsRun(context: BrowserContext, threads: string[], run: number) {
  const page = await inboxPage(context, LONG_TASK_COLLECTOR);
  try {
    const samples: number[] = [];
    for (let i = 0; i < OPENINGS_PER_RUN; i++) samples.push(await timeThreadOpening(page, threads[(i + run) % threads.length]!, 'facts'));
    const log = await page.evaluate(() => (window as unknown as { __calmLongTasks: LongTaskLog }).__calmLongTasks);
    const { domContentLoaded, ours } = await page.evaluate(
      ([startMark, startChunk]) => ({
        domContentLoaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart,
        ours: [...performance.getEntriesByName(startMark).map((e) => e.startTime), ...performance.getEntriesByName(startChunk).map((e) => e.startTime + e.duration)],
      }),
      [CONTENT_SCRIPT_START_MARK, START_CHUNK_MEASURE] as const,
    );
    const owners = log.longTasks.filter((t) => t.duration > 50).map((t) => ({ ...t, owner: ownerOf(t, log.frames, domContentLoaded, ours) }));
    if (process.env.BENCH_DEBUG) {
      const timeline = await page.evaluate(() => performance.getEntries().filter((e) => e.name.startsWith('calm-triage:') || e.entryType === 'paint').map((e) => `${e.name}@${Math.round(e.startTime)}+${Math.round(e.duration)}`));
      console.log(`run ${run + 1} dcl ${Math.round(domContentLoaded)} long tasks:`, JSON.stringify(owners), 'timeline:', timeline.join(' '), 'frames:', JSON.stringify(log.frames.filter((f) => f.blocking > 0)), 'slowest openings:', [...samples].sort((a, b) => b - a).slice(0, 5).map(Math.round).join(' '));
    }
    return { samples, ours: owners.filter((t) => t.owner !== 'host').length, host: owners.filter((t) => t.owner === 'host').length, loaf: log.loaf };
  } finally {
    await page.close();
  }
}

// Opened straight on a thread's URL, as a link from elsewhere would: the content script starts, the panel chunk
// is imported then, and the facts are timed from the thread's h2 in the DOM.
const FIRST_OPEN_PROBE = `(() => {
  const at = { h2: 0, facts: 0 };
  window.__calmFirstOpen = at;
  const check = () => {
    if (!at.h2 && document.querySelector('h2.hP[data-legacy-thread-id]')) at.h2 = performance.now();
    const host = document.querySelector('calm-triage-panel');
    if (host && host.shadowRoot && !host.__calmWatched) {
      host.__calmWatched = true;
      new MutationObserver(check).observe(host.shadowRoot, { childList: true, subtree: true, characterData: true });
    }
    const id = host && host.shadowRoot && host.shadowRoot.querySelector('[data-testid=fact-thread-id]');
    if (at.h2 && !at.facts && id && id.textContent) at.facts = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})()`;

async function firstOpening(context: BrowserContext, threadId: string) {
  const page = await context.newPage();
  try {
    await page.addInitScript(FIRST_OPEN_PROBE);
    await page.goto(threadUrl(threadId));
    await page.waitForFunction(() => (window as unknown as { __calmFirstOpen: { facts: number } }).__calmFirstOpen.facts > 0, null, { timeout: 15_000 });
    // The facts may show (from the dock) before the chunk has rendered: its timings are read once it has.
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, PANEL_FIRST_RENDER_MEASURE, { timeout: 15_000 });
    return await page.evaluate(
      ([start, chunk, render]) => {
        const at = (window as unknown as { __calmFirstOpen: { h2: number; facts: number } }).__calmFirstOpen;
        const entry = (name: string) => performance.getEntriesByName(name)[0];
        return {
          ms: at.facts - at.h2,
          scriptStartAfterH2: (entry(start)?.startTime ?? NaN) - at.h2,
          chunk: entry(chunk)?.duration ?? NaN,
          render: entry(render)?.duration ?? NaN,
        };
      },
      [CONTENT_SCRIPT_START_MARK, PANEL_CHUNK_MEASURE, PANEL_FIRST_RENDER_MEASURE] as const,
    );
  } finally {
    await page.close();
  }
}

export async function panelFigures(): Promise<Figure[]> {
  const { context } = await launchWithExtension({ headless: true });
  try {
    await serveGmailWorkspace(context);
    // tsx compiles with keepNames, which wraps functions passed to evaluate() in __name().
    await context.addInitScript('globalThis.__name = globalThis.__name || ((f) => f)');
    const threads = gmailFixtures()
      .map((f) => f.truth.threadId)
      .filter((id): id is string => !!id);

    const first: Awaited<ReturnType<typeof firstOpening>>[] = [];
    for (let i = 0; i < FIRST_OPEN_TABS + FIRST_OPEN_WARMUP; i++) {
      const sample = await firstOpening(context, threads[i % threads.length]!);
      if (i >= FIRST_OPEN_WARMUP) first.push(sample);
    }

    const runs = [];
    for (let run = 0; run < RUNS; run++) runs.push(await openingsRun(context, threads, run));
    const facts = percentiles(runs.flatMap((r) => r.samples));
    const firstOpen = percentiles(first.map((s) => s.ms));
    const median = (xs: number[]) => percentiles(xs).p50;
    const where = `Gmail fixture threads served at mail.google.com, built extension, headless Debian Chromium`;
    return [
      { name: 'panel_facts_ms_p50', value: round(facts.p50), unit: `ms (thread h2 in DOM to facts in panel; ${RUNS}x${OPENINGS_PER_RUN} openings by hash in tabs whose chunk is loaded; ${where})` },
      { name: 'panel_facts_ms_p95', value: round(facts.p95), unit: 'ms (same openings)', target: '<= 16' },
      { name: 'panel_facts_openings', value: RUNS * OPENINGS_PER_RUN, unit: 'openings' },
      { name: 'panel_first_open_ms_p50', value: round(firstOpen.p50), unit: `ms (fresh tab opened on a thread URL: thread h2 in DOM to facts, content-script start and chunk import included; ${FIRST_OPEN_TABS} tabs after ${FIRST_OPEN_WARMUP} warm-up; ${where})` },
      { name: 'panel_first_open_ms_p95', value: round(firstOpen.p95), unit: 'ms (same tabs)', target: '<= 100' },
      { name: 'panel_first_open_script_start_after_h2_ms_p50', value: round(median(first.map((s) => s.scriptStartAfterH2))), unit: 'ms (content-script start minus the thread h2 in the DOM: negative when the script was first)' },
      { name: 'panel_chunk_import_ms_p50', value: round(median(first.map((s) => s.chunk))), unit: 'ms (import() of the panel chunk: fetch, compile, evaluate, wall clock; same tabs; facts show from the dock meanwhile)' },
      { name: 'panel_first_render_ms_p50', value: round(median(first.map((s) => s.render))), unit: 'ms (first React render of the panel; same tabs)' },
      { name: 'host_long_tasks_over_50ms', value: runs.reduce((sum, r) => sum + r.ours, 0), unit: `tasks (over ${RUNS} runs of ${OPENINGS_PER_RUN} openings, whole tab from document start; ours or unattributed by LoAF${runs.every((r) => r.loaf) ? '' : ', LoAF unavailable'})`, target: '<= 0' },
      { name: 'host_long_tasks_runs_clean', value: runs.filter((r) => r.ours === 0).length, unit: `of ${RUNS} runs`, target: `>= ${RUNS}` },
      { name: 'host_long_tasks_host_attributed', value: runs.reduce((sum, r) => sum + r.host, 0), unit: 'tasks (ended before DOMContentLoaded holding none of our start, or attributed by LoAF to the host page: not counted against us)' },
    ];
  } finally {
    await context.close();
  }
}
