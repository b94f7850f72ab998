import '@/lib/schemas/zod-config';
import { useLayoutEffect, type ReactNode } from 'react';
import { togglePanelCollapsed } from '@/lib/settings/public-settings';
import type { PublicSettings } from '@/lib/schemas/settings';
import type { Store } from '@/lib/ui/store';
import { useStore } from '@/lib/ui/use-store';
import { PanelFrame } from './panel-frame';

// The keyboard shortcut is a manifest command: Chrome takes the keys before the page sees them, and the
// background toggles the same stored setting (entrypoints/background/commands.ts).
async function toggleCollapsed(settings: Store<PublicSettings>) {
  settings.set({ ...settings.get(), panelCollapsed: !settings.get().panelCollapsed });
  await togglePanelCollapsed();
}

/** The docked panel's frame (title bar, collapse) around a site's panel body. */
export function PanelApp({ settings, body, onCommit }: { settings: Store<PublicSettings>; body: () => ReactNode; onCommit: () => void }) {
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
