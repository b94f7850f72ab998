import { createShadowRootUi } from '#imports';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createRoot, type Root } from 'react-dom/client';
import type { ReactNode } from 'react';
import { readPublicSettings, togglePanelCollapsed, watchPublicSettings } from '@/lib/settings/public-settings';
import type { PublicSettings } from '@/lib/schemas/settings';
import { createStore, useStore, type Store } from '@/lib/ui/store';
import { PanelFrame } from './panel-frame';

export const PANEL_WIDTH_PX = 360;
export const PANEL_COLLAPSED_WIDTH_PX = 40;

interface MountOptions {
  site: 'gmail' | 'hubspot';
  /** Makes room for the panel so it covers none of the site's own controls (0 releases it). */
  reserveSpace: (widthPx: number) => void;
  body: () => ReactNode;
}

/**
 * Mounts the docked panel in a shadow root, honours the per-site on/off setting live,
 * and remembers the collapsed state for the user.
 */
export async function mountPanel(ctx: ContentScriptContext, options: MountOptions): Promise<void> {
  const settings = createStore<PublicSettings>(await readPublicSettings());
  ctx.onInvalidated(watchPublicSettings((next) => settings.set(next)));

  const ui = await createShadowRootUi<Root>(ctx, {
    name: 'calm-triage-panel',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount(container) {
      const root = createRoot(container);
      root.render(<PanelApp settings={settings} body={options.body} />);
      return root;
    },
    onRemove(root) {
      root?.unmount();
      options.reserveSpace(0);
    },
  });

  const sync = () => {
    const s = settings.get();
    if (!s.panelEnabled[options.site]) {
      if (ui.mounted) ui.remove();
      return;
    }
    if (!ui.mounted) ui.mount();
    options.reserveSpace(s.panelCollapsed ? PANEL_COLLAPSED_WIDTH_PX : PANEL_WIDTH_PX);
  };
  settings.subscribe(sync);
  sync();
}

// The keyboard shortcut is a manifest command: Chrome takes the keys before the page sees them, and the
// background toggles the same stored setting (entrypoints/background/commands.ts).
async function toggleCollapsed(settings: Store<PublicSettings>) {
  settings.set({ ...settings.get(), panelCollapsed: !settings.get().panelCollapsed });
  await togglePanelCollapsed();
}

function PanelApp({ settings, body }: { settings: Store<PublicSettings>; body: () => ReactNode }) {
  const s = useStore(settings);
  return (
    <PanelFrame collapsed={s.panelCollapsed} onToggle={() => void toggleCollapsed(settings)}>
      {body()}
    </PanelFrame>
  );
}
