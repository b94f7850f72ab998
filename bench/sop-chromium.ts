// SOP library figures on the paths their names claim, in Chromium with the built extension:
// import throughput through the options page's import worker (PDF, DOCX, HTML, Markdown, text; database writes
// included), the index load from IndexedDB after the service worker restarts, the background's heap with the
// library loaded, and IndexedDB bytes per 1k passages.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { seededRandom } from '@/lib/common/seeded-random';
import { parseCsv } from '@/lib/text/csv';
import { INDEX_LOAD_MEASURE } from '@/lib/common/user-timing';
import { launchWithExtension } from '../tests/support/chromium';
import { makeDocx, makePdf, type Run } from '../tests/support/office-files';
import { percentiles, round, type Figure } from './figures';
import { freePort, serviceWorkerHeapBytes } from './service-worker-heap';

const root = path.resolve(import.meta.dirname, '..');
// BENCH_SOP_MB makes a smaller library for a quick look; the figure's unit line says the size measured.
const TARGET_BYTES = Number(process.env.BENCH_SOP_MB ?? 20) * 1024 * 1024;
const RESTARTS = 12;

interface BenchFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Help-centre prose from banking77's customer questions: real wording, seeded choice. */
function sentences(): string[] {
  const [, ...rows] = parseCsv(readFileSync(path.join(root, 'tests/fixtures/corpora/banking77/train.csv'), 'utf8'));
  return rows.map((r) => r[0] ?? '').filter((t) => t.length > 20);
}

/** About 20 MB of SOP files, a quarter each of PDF and DOCX by count, the rest Markdown, HTML and text. */
async function sopFiles(): Promise<{ files: BenchFile[]; bytes: number; byKind: Record<string, number> }> {
  const pool = sentences();
  const rnd = seededRandom(21);
  const pick = () => pool[Math.floor(rnd() * pool.length)]!;
  const section = () => ({ heading: `${pick().split(' ').slice(0, 5).join(' ')}`.replace(/[?.!,]/g, ''), body: Array.from({ length: 28 + Math.floor(rnd() * 20) }, pick) });
  const files: BenchFile[] = [];
  const byKind: Record<string, number> = {};
  let bytes = 0;
  for (let f = 0; bytes < TARGET_BYTES; f++) {
    const sections = Array.from({ length: 20 }, section);
    const title = `Procedure ${f}`;
    const kind = ['pdf', 'docx', 'md', 'html', 'txt'][f % 5]!;
    let buffer: Buffer;
    if (kind === 'pdf') {
      // One page per section: pdf.js tells headings by their larger size.
      const pages: Run[][] = sections.map((s) => [{ size: 14, text: s.heading }, ...s.body.map((text) => ({ size: 10, text }))]);
      buffer = makePdf([[{ size: 18, text: title }], ...pages], title);
    } else if (kind === 'docx') {
      buffer = await makeDocx([{ text: title, style: 'Heading1' }, ...sections.flatMap((s) => [{ text: s.heading, style: 'Heading2' as const }, ...s.body.map((text) => ({ text }))])]);
    } else if (kind === 'md') {
      buffer = Buffer.from(`---\ntitle: ${title}\n---\n` + sections.map((s) => `## ${s.heading}\n\n${s.body.join(' ')}`).join('\n\n'));
    } else if (kind === 'html') {
      buffer = Buffer.from(`<html><head><title>${title}</title></head><body>` + sections.map((s) => `<h2>${s.heading}</h2><p>${s.body.join(' ')}</p>`).join('') + '</body></html>');
    } else {
      buffer = Buffer.from(`${title}\n\n` + sections.map((s) => `${s.heading.toUpperCase()}\n${s.body.join(' ')}`).join('\n\n'));
    }
    const mimeType = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', md: 'text/markdown', html: 'text/html', txt: 'text/plain' }[kind]!;
    files.push({ name: `procedure-${f}.${kind}`, mimeType, buffer });
    byKind[kind] = (byKind[kind] ?? 0) + buffer.length;
    bytes += buffer.length;
  }
  return { files, bytes, byKind };
}

/** Drops the files on the SOP library tab's file picker; times, in the page, from the pick to the job's end. */
async function importThroughTheOptionsPage(context: BrowserContext, extensionId: string, files: BenchFile[]): Promise<{ ms: number; imported: number; rejected: number }> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByRole('tab', { name: 'SOP library' }).click();
  const input = page.getByLabel('Choose SOP files');
  await input.evaluate((el) => {
    const w = window as unknown as { __importStarted?: number };
    el.addEventListener('change', () => (w.__importStarted = performance.now()), { capture: true, once: true });
  });
  await input.setInputFiles(files);
  const job = page.getByTestId('import-job').first();
  await job.and(page.locator('[aria-busy=false]')).waitFor({ timeout: 600_000 });
  const ms = await page.evaluate(() => performance.now() - (window as unknown as { __importStarted: number }).__importStarted);
  const imported = await job.locator('[data-testid=import-outcome][data-status=imported]').count();
  const rejected = await job.locator('[data-testid=import-outcome][data-status=rejected]').count();
  await page.close();
  return { ms, imported, rejected };
}

async function serviceWorker(context: BrowserContext, extensionId: string): Promise<Worker> {
  const find = () => context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  return find() ?? (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(`chrome-extension://${extensionId}/`) }));
}

/** Stops the extension's service worker (as Chrome does when it is idle) and waits until it is gone. */
async function stopWorker(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const versions: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { versionId: string; runningStatus: string }[] }) => {
    for (const v of e.versions) if (v.runningStatus === 'running' && !versions.includes(v.versionId)) versions.push(v.versionId);
  });
  await cdp.send('ServiceWorker.enable');
  await page.waitForTimeout(200);
  for (const versionId of versions) await cdp.send('ServiceWorker.stopWorker', { versionId });
  await cdp.detach();
}

/** A search from the options page after a restart: the new worker loads the index from IndexedDB to answer it. */
async function searchAfterRestart(context: BrowserContext, extensionId: string, page: Page): Promise<number> {
  await stopWorker(page);
  await page.waitForTimeout(300);
  // A port wakes a stopped worker reliably; the message that needs the index follows.
  await page.evaluate(() => chrome.runtime.connect({ name: 'bench-wake' }));
  const answer = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'sop.search', payload: { query: 'card payment declined refund', k: 5 } }))) as { ok: boolean };
  if (!answer.ok) throw new Error('sop.search failed after the restart');
  const worker = await serviceWorker(context, extensionId);
  const durations = await worker.evaluate((name) => performance.getEntriesByName(name).map((e) => e.duration), INDEX_LOAD_MEASURE);
  if (durations.length !== 1) throw new Error(`expected one index load in the new worker, saw ${durations.length}`);
  return durations[0]!;
}

export async function sopChromiumFigures(): Promise<Figure[]> {
  const { files, bytes, byKind } = await sopFiles();
  const debuggingPort = await freePort();
  const { context, extensionId } = await launchWithExtension({ headless: true, args: [`--remote-debugging-port=${debuggingPort}`] });
  try {
    const imported = await importThroughTheOptionsPage(context, extensionId, files);
    if (imported.rejected > 0) throw new Error(`${imported.rejected} generated files were rejected`);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const passages = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('calm-triage');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction('passages').objectStore('passages').count();
            count.onsuccess = () => (resolve(count.result), open.result.close());
          };
        }),
    );
    const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    const loads: number[] = [];
    for (let i = 0; i < RESTARTS; i++) loads.push(await searchAfterRestart(context, extensionId, page));
    // The worker that answered the last search holds the loaded index.
    const heap = await serviceWorkerHeapBytes(debuggingPort, extensionId);
    const mix = Object.entries(byKind).map(([k, b]) => `${k} ${round(b / 1048576, 1)} MB`).join(', ');
    const library = `${imported.imported} SOPs, ${passages} passages`;
    const { p50, p95 } = percentiles(loads);
    return [
      { name: 'import_mb_per_s', value: round(bytes / 1048576 / (imported.ms / 1000), 2), unit: `MB/s, ${round(bytes / 1048576, 1)} MB (${mix}) dropped on the options page's file picker: parse in its import worker, chunk, index, IndexedDB writes and the index snapshot, in Chromium`, target: '>= 5' },
      { name: 'import_passages', value: passages, unit: 'passages in the library after that import' },
      { name: 'index_load_ms_p50_10k', value: round(p50, 1), unit: `ms, background loads the index from IndexedDB after a service-worker restart (CDP stopWorker), ${library}, ${RESTARTS} restarts, Chromium` },
      { name: 'index_load_ms_10k', value: round(p95, 1), unit: `ms p95, same path and library as index_load_ms_p50_10k`, target: '< 300' },
      { name: 'background_heap_mb_10k', value: round(heap / 1048576, 1), unit: `MB used JS heap of the background service worker after a full GC, with the index loaded from IndexedDB (${library}), Chromium, CDP Runtime.getHeapUsage` },
      { name: 'idb_kb_per_1k_passages', value: round(usage / 1024 / (passages / 1000), 1), unit: `KB of the extension's storage (navigator.storage.estimate) per 1,000 passages, ${library}, Chromium` },
    ];
  } finally {
    await context.close();
  }
}
