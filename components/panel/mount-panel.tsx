import { startTransition, type ReactNode } from 'react';
import { PANEL_FIRST_RENDER_MEASURE, PANEL_STEP_MEASURE_PREFIX } from '@/lib/ui/panel-timing';
import { nextTask } from '@/lib/common/next-task';
import type { DockedProps } from '@/components/dock/panel-dock';

/**
 * Renders the docked panel into the container the dock made (components/dock/panel-dock.ts); runs in the panel
 * chunk. Returns what unmounts it.
 *
 * The chunk starts in steps, each in a task of its own: its evaluation, React DOM's initialisation (about 25 ms in a
 * fresh tab), the panel frame with zod, then the site's panel body (`loadBody`, its own modules). Evaluated in one
 * go they made long tasks on the host page. The imports stay inside the chunk file and evaluate when first imported.
 */
export function renderPanel(container: HTMLElement, { settings, onFirstRender }: DockedProps, loadBody: () => Promise<() => ReactNode>): () => void {
  let unmount: (() => void) | null = null;
  let removed = false;
  void (async () => {
    const { createRoot } = await step('react-dom', () => import('react-dom/client'));
    const { PanelApp } = await step('panel-app', () => import('./panel-app'));
    const body = await step('body', loadBody);
    if (removed) return;
    const start = performance.now();
    const root = createRoot(container);
    unmount = () => root.unmount();
    const onCommit = () => {
      onFirstRender();
      performance.measure(PANEL_FIRST_RENDER_MEASURE, { start, end: performance.now() });
    };
    // A transition renders in slices that give the page its main thread back every few milliseconds: the first render
    // of the whole panel in one go was a long task on the host page. The dock shows the thread's facts meanwhile.
    startTransition(() => root.render(<PanelApp settings={settings} body={body} onCommit={onCommit} />));
  })();
  return () => {
    removed = true;
    unmount?.();
  };
}

/** Runs one start step in a task of its own and leaves its duration on the page's timeline, for the page benchmark. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  await nextTask();
  const start = performance.now();
  const value = await run();
  performance.measure(`${PANEL_STEP_MEASURE_PREFIX}:${name}`, { start, end: performance.now() });
  return value;
}
