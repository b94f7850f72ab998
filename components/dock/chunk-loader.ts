import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { CONTENT_SCRIPT_START_MARK, PANEL_CHUNK_MEASURE, START_CHUNK_MEASURE } from '@/lib/ui/panel-timing';

/**
 * What a content script imports as it starts (entrypoints/<site>-start.ts): the site reader, its observer, the
 * triage connection and the dock. A classic content script is compiled on the page's main thread as it is injected
 * (30-40 ms for ours: a long task on every page load); an imported module is parsed on a background thread.
 */
export interface StartModule {
  start(ctx: ContentScriptContext): Promise<void>;
}

/** The React panel of one site, built as its own file (entrypoints/<site>-panel.tsx) and loaded on demand. */
export interface PanelModule<Props> {
  /** Renders the panel into the container; returns what removes it. */
  mount(container: HTMLElement, props: Props): () => void;
}

type StartChunk = 'gmail-start' | 'hubspot-start';
type PanelChunk = 'gmail-panel' | 'hubspot-panel';

/**
 * Loads one of the extension's own ES-module chunks, once per tab: the first call imports it, later calls get the
 * same module. A chunk is a web-accessible resource (wxt.config.ts) evaluated in this content script's isolated
 * world, so it shares nothing with the host page.
 */
function chunkLoader<T>(chunk: StartChunk | PanelChunk, measure: string): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= (async () => {
      const start = performance.now();
      const url = browser.runtime.getURL(`/${chunk}.js`);
      const module = (await import(/* @vite-ignore */ url)) as { default: T };
      performance.measure(measure, { start, end: performance.now() });
      return module.default;
    })());
}

/**
 * A content script's whole job (it runs at document start): ask for the site's start chunk at once, so it is fetched
 * and parsed while the page loads, and start it on the DOM.
 */
export async function startSite(ctx: ContentScriptContext, chunk: StartChunk): Promise<void> {
  performance.mark(CONTENT_SCRIPT_START_MARK);
  const loading = chunkLoader<StartModule>(chunk, START_CHUNK_MEASURE)();
  if (document.readyState === 'loading') await new Promise((ready) => document.addEventListener('DOMContentLoaded', ready, { once: true }));
  await (await loading).start(ctx);
}

export const panelLoader = <Props>(chunk: PanelChunk) => chunkLoader<PanelModule<Props>>(chunk, PANEL_CHUNK_MEASURE);
