import { browser } from 'wxt/browser';
import { PANEL_CHUNK_MEASURE } from '@/lib/ui/panel-timing';

/** The React panel of one site, built as its own file (entrypoints/<site>-panel.tsx) and loaded on demand. */
export interface PanelModule<Props> {
  /** Renders the panel into the container; returns what removes it. */
  mount(container: HTMLElement, props: Props): () => void;
}

export type PanelChunk = 'gmail-panel' | 'hubspot-panel';

/**
 * Loads a site's panel chunk from the extension's own files, once per tab: the first call imports it, later calls
 * get the same module. The chunk is a web-accessible resource (wxt.config.ts) evaluated in this content script's
 * isolated world, so it shares nothing with the host page.
 */
export function panelLoader<Props>(chunk: PanelChunk): () => Promise<PanelModule<Props>> {
  let loading: Promise<PanelModule<Props>> | null = null;
  return () =>
    (loading ??= (async () => {
      const start = performance.now();
      const url = browser.runtime.getURL(`/${chunk}.js`);
      const module = (await import(/* @vite-ignore */ url)) as { default: PanelModule<Props> };
      performance.measure(PANEL_CHUNK_MEASURE, { start, end: performance.now() });
      return module.default;
    })());
}
