import { createShadowRootUi } from '#imports';
// Inlined rather than fetched from the extension when the dock mounts (30-80 ms of a fresh tab's first panel).
import panelCss from '@/components/panel/panel.css?inline';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { readPublicSettings, watchPublicSettings } from '@/lib/settings/public-settings';
import type { PublicSettings } from '@/lib/schemas/settings';
import { createStore, type Store } from '@/lib/ui/store';
import type { PanelModule } from './chunk-loader';
import { dockPreview, type DockPreview } from './dock-preview';

export const PANEL_WIDTH_PX = 360;
export const PANEL_COLLAPSED_WIDTH_PX = 40;

/** What every site's panel chunk is given besides its own state: the live public settings. */
export interface DockedProps {
  settings: Store<PublicSettings>;
  /** Called once the React panel is in the DOM: the dock's preview is removed then. */
  onFirstRender: () => void;
}

interface DockOptions<Props extends DockedProps> {
  site: 'gmail' | 'hubspot';
  /** Makes room for the panel so it covers none of the site's own controls (0 releases it). */
  reserveSpace: (widthPx: number) => void;
  /** The site's panel chunk (components/dock/chunk-loader.ts). */
  load: () => Promise<PanelModule<Props>>;
  /** The chunk's state, held by the content script: it lives while the chunk loads and across remounts. */
  props: (docked: DockedProps) => Props;
}

export interface PanelDock {
  /** A thread or record is open: render the panel now rather than at the next idle moment. */
  open(): void;
  /** Until the React panel is in the DOM, shows what the content script read (built only while it is needed). */
  preview(facts: () => Node | null): void;
}

/**
 * The content script's part of the panel, without React: a shadow root docked at the right of the page that
 * honours the per-site on/off setting live and reserves the page's space. The panel itself (React and everything
 * under it) is rendered into it by the site's chunk, loaded when a thread or record opens or at the first idle
 * moment before that, and kept for the life of the tab.
 */
export async function dockPanel<Props extends DockedProps>(ctx: ContentScriptContext, options: DockOptions<Props>): Promise<PanelDock> {
  const settings = createStore<PublicSettings>(await readPublicSettings());
  ctx.onInvalidated(watchPublicSettings((next) => settings.set(next)));
  let preview: DockPreview | null = null;
  const props = options.props({
    settings,
    onFirstRender: () => {
      preview?.root.remove();
      preview = null;
    },
  });
  settings.subscribe(() => preview?.setCollapsed(settings.get().panelCollapsed));
  let wanted = false;
  let render: (() => void) | null = null;
  let lastFacts: (() => Node | null) | null = null;

  const ui = await createShadowRootUi<{ remove(): void }>(ctx, {
    name: 'calm-triage-panel',
    // Closed: a page script cannot reach the panel's buttons or read what it shows. Only the inspectable build
    // (WXT_PANEL_SHADOW=open: the E2E tests, benchmarks and demo script, which must look inside) leaves it open.
    mode: import.meta.env.WXT_PANEL_SHADOW === 'open' ? 'open' : 'closed',
    css: panelCss,
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount(container) {
      preview = dockPreview(settings.get().panelCollapsed);
      if (lastFacts) preview.show(lastFacts());
      const slot = document.createElement('div');
      container.append(preview.root, slot);
      let removed = false;
      let unmount: (() => void) | null = null;
      let started = false;
      const start = () => {
        if (started || removed) return;
        started = true;
        options.load().then(
          (panel) => {
            if (!removed) unmount = panel.mount(slot, props);
          },
          (error: unknown) => {
            if (removed) return;
            preview?.root.remove();
            preview = null;
            showLoadError(slot, error);
          },
        );
      };
      render = start;
      if (wanted) start();
      else requestIdleCallback(start, { timeout: 1000 });
      return {
        remove() {
          removed = true;
          render = null;
          preview = null;
          unmount?.();
        },
      };
    },
    onRemove(mounted) {
      mounted?.remove();
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
  return {
    open() {
      wanted = true;
      render?.();
    },
    preview(facts) {
      lastFacts = facts;
      preview?.show(facts());
    },
  };
}

/** The chunk could not be loaded (most often: the extension was updated or reloaded under this tab). */
function showLoadError(slot: HTMLElement, error: unknown) {
  const box = document.createElement('aside');
  box.className = 'panel';
  box.setAttribute('aria-label', 'Calm Triage');
  box.dataset.testid = 'panel-load-error';
  const alert = document.createElement('div');
  alert.className = 'error';
  alert.setAttribute('role', 'alert');
  const message = document.createElement('p');
  message.className = 'error__message';
  message.textContent = `The triage panel could not load: ${error instanceof Error ? error.message : String(error)}`;
  const next = document.createElement('p');
  next.className = 'error__next';
  next.textContent = 'Reload this page. If Calm Triage was just updated or turned off and on, the reload loads its new version.';
  alert.append(message, next);
  box.append(alert);
  slot.replaceChildren(box);
}
