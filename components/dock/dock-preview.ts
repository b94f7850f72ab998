/**
 * What the dock shows, without React, until the panel chunk has rendered: the panel's frame and, when the content
 * script has read something, its facts (so the first thread of a tab shows its facts without waiting for the chunk).
 * Same classes and test ids as the React panel (components/panel/panel-frame.tsx).
 */
export interface DockPreview {
  readonly root: HTMLElement;
  show(facts: Node | null): void;
  setCollapsed(collapsed: boolean): void;
}

export function dockPreview(collapsed: boolean): DockPreview {
  const root = document.createElement('aside');
  root.setAttribute('aria-label', 'Calm Triage');
  root.dataset.testid = 'triage-panel';
  root.dataset.preview = 'true';
  const header = document.createElement('header');
  header.className = 'panel__header';
  const title = document.createElement('h1');
  title.className = 'panel__title';
  title.textContent = 'Calm Triage';
  header.append(title);
  const body = document.createElement('div');
  body.className = 'panel__body';
  const loading = document.createElement('p');
  loading.className = 'empty';
  loading.textContent = 'Loading the panel…';
  body.append(loading);
  root.append(header, body);
  const preview: DockPreview = {
    root,
    show(facts) {
      if (!facts) return body.replaceChildren(loading);
      const section = document.createElement('section');
      section.className = 'section';
      section.dataset.testid = 'section-thread';
      section.setAttribute('aria-label', 'Thread');
      section.append(facts);
      body.replaceChildren(section, loading);
    },
    setCollapsed(next) {
      root.className = next ? 'panel panel--collapsed' : 'panel';
      title.hidden = next;
      body.hidden = next;
    },
  };
  preview.setCollapsed(collapsed);
  return preview;
}
