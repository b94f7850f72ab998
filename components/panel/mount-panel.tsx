import { startTransition, useLayoutEffect, type ReactNode } from 'react';
import { togglePanelCollapsed } from '@/lib/settings/public-settings';
import type { PublicSettings } from '@/lib/schemas/settings';
import type { Store } from '@/lib/ui/store';
import { useStore } from '@/lib/ui/use-store';
import { PANEL_FIRST_RENDER_MEASURE } from '@/lib/ui/panel-timing';
import { nextTask } from '@/lib/common/next-task';
import type { DockedProps } from '@/components/dock/panel-dock';
import { PanelFrame } from './panel-frame';

/**
 * Renders the docked panel into the container the dock made (components/dock/panel-dock.ts); runs in the panel
 * chunk. Returns what unmounts it.
 *
 * React DOM is started in a task of its own after the chunk's evaluation: its module initialisation (about 25 ms in
 * a fresh tab) and the chunk's own would otherwise make one long task on the host page.
 */
export function renderPanel(container: HTMLElement, { settings, onFirstRender }: DockedProps, body: () => ReactNode): () => void {
  let unmount: (() => void) | null = null;
  let removed = false;
  void (async () => {
    await nextTask();
    const { createRoot } = await import('react-dom/client');
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

// The keyboard shortcut is a manifest command: Chrome takes the keys before the page sees them, and the
// background toggles the same stored setting (entrypoints/background/commands.ts).
async function toggleCollapsed(settings: Store<PublicSettings>) {
  settings.set({ ...settings.get(), panelCollapsed: !settings.get().panelCollapsed });
  await togglePanelCollapsed();
}

function PanelApp({ settings, body, onCommit }: { settings: Store<PublicSettings>; body: () => ReactNode; onCommit: () => void }) {
  const s = useStore(settings);
  // Once, when the first render is in the DOM (the benchmark reads the measure).
  useLayoutEffect(() => {
    onCommit();
  }, []);
  return (
    <PanelFrame collapsed={s.panelCollapsed} onToggle={() => void toggleCollapsed(settings)}>
      {body()}
    </PanelFrame>
  );
}
