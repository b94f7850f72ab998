// A stand-in for Gmail's own page scripts on the demo workspace: hash routing between the
// saved pages, opening an inline reply from Gmail's real compose markup (2024 or 2026 generation), Send,
// Discard, and, when asked for, Gmail's chrome around the pages: the top bar with Ask Gemini, the right-hand
// side panel with its icon rail, and compose windows ("moles") in their bottom strip.
// The chrome is modelled on InboxSDK's public description (2026-07 head: gmail-element-getter.ts,
// sync-mole-spacer-with-right-column.ts, gmail-mole-view-driver.ts): the column div.aUx holds the side panel
// wrapper .WN9Ejb (display:none when closed; .brC-brG inside) left of the rail .brC-aT5-aOt-Jw; compose
// windows .nn.nH sit in div.dw .nH > .nH > .no between two .jAmAWb spacers, and Gmail sizes the last spacer
// as its open side panel's width + 66 px. Where Gmail pins these cannot be known without live Gmail, so both
// ways are modelled: 'fixed' (top bar and column pinned to the window) and 'flow' (they move with the page).
// It runs in the page (not the extension) and respects Trusted Types, as Gmail enforces them.
(() => {
  const base = '/mail/u/0/__workspace/';
  const policy = window.trustedTypes ? trustedTypes.createPolicy('calm-triage-demo-workspace', { createHTML: (s) => s }) : null;
  const parse = (html) => new DOMParser().parseFromString(policy ? policy.createHTML(html) : html, 'text/html');
  let manifestPromise = null;
  const manifest = () => (manifestPromise ??= fetch(base + 'manifest.json').then((r) => r.json()));
  const pageCache = new Map();
  const loadPage = (file) => {
    if (!pageCache.has(file)) pageCache.set(file, fetch(base + 'pages/' + file).then((r) => r.text()).then(parse));
    return pageCache.get(file);
  };
  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };

  function threadIdFromHash() {
    const parts = location.hash.replace(/^#/, '').split('/');
    return parts.length >= 2 ? parts[parts.length - 1] : null;
  }

  let shown = document.documentElement.dataset.workspacePage || null;
  async function route() {
    const m = await manifest();
    const id = threadIdFromHash();
    const file = id ? m.threads[id] : m.list;
    if (!file || file === shown) return;
    const doc = await loadPage(file);
    shown = file;
    document.documentElement.dataset.workspacePage = file;
    document.title = doc.title;
    // Gmail swaps its views inside the main region: the page and its body stay.
    const from = doc.querySelector('[role=main]');
    const to = document.querySelector('[role=main]');
    if (from && to) to.replaceWith(paintLateId(document.importNode(from, true), m, id));
    else document.body.replaceChildren(...Array.from(doc.body.childNodes, (n) => paintLateId(document.importNode(n, true), m, id)));
    if (m.chrome) placeChrome();
  }

  /** Since 2025 Gmail can paint the legacy thread id after the thread renders: do that for the threads asked. */
  function paintLateId(node, m, id) {
    const delay = id && m.lateThreadIds ? m.lateThreadIds[id] : undefined;
    const heading = delay !== undefined && node.querySelector ? node.querySelector('h2[data-legacy-thread-id]') : null;
    if (!heading) return node;
    const value = heading.getAttribute('data-legacy-thread-id');
    heading.removeAttribute('data-legacy-thread-id');
    window.__workspaceLateId = { thread: value, renderedAt: Date.now() };
    setTimeout(() => {
      heading.setAttribute('data-legacy-thread-id', value);
      window.__workspaceLateId.paintedAt = Date.now();
    }, delay);
    return node;
  }

  /** The reply bar the user sees: not the hidden A/B copies Gmail keeps in tables (2025-11). */
  const visibleReplyBar = (main) => [...main.querySelectorAll('.amn')].find((bar) => !bar.closest('table')) ?? null;

  async function openReply(all) {
    const main = document.querySelector('[role=main]');
    if (!main || main.querySelector('.ip.adB')) return;
    const slot = visibleReplyBar(main)?.parentElement;
    if (!slot) return;
    const m = await manifest();
    // Each generation of Gmail opens its own compose markup.
    const generation2026 = main.querySelector('button.DILLkc') !== null;
    const composeSource = (await loadPage(generation2026 ? m.compose2026 : m.compose)).querySelector('.ip.adB');
    const compose = document.importNode(composeSource, true);
    const subject = main.querySelector('h2.hP')?.textContent ?? '';
    const lastMessage = [...main.querySelectorAll('[data-legacy-message-id]')].pop();
    const sender = [...main.querySelectorAll('.adn.ads span.gD[email], .adf.ads span.gD[email]')].pop();
    compose.querySelector('input[name=subjectbox]').value = 'Re: ' + subject;
    compose.querySelector('input[name=rm]').value = lastMessage?.getAttribute('data-legacy-message-id') ?? '';
    const to = compose.querySelector('.aDj');
    if (to && sender) {
      to.setAttribute('email', sender.getAttribute('email'));
      to.textContent = sender.getAttribute('name') + (all ? ' and others' : '');
    }
    const editor = compose.querySelector('[g_editable=true]');
    editor.replaceChildren(document.createElement('br'));
    slot.replaceChildren(compose);
    editor.focus();
  }

  function send(sendButton) {
    const compose = sendButton.closest('.ip.adB');
    const editor = compose?.querySelector('[g_editable=true]');
    if (!compose || !editor) return;
    window.__workspaceSent = (window.__workspaceSent ?? []).concat({ text: editor.innerText, at: Date.now() });
    const list = document.querySelector('[role=main] [role=list]');
    const template = list?.querySelector('.h7');
    if (list && template) {
      const item = template.cloneNode(true);
      const message = item.querySelector('.adn.ads');
      message.setAttribute('data-message-id', '#msg-f:' + String(Date.now()));
      message.removeAttribute('data-legacy-message-id');
      const body = item.querySelector('.a3s');
      body.replaceChildren(...editor.innerText.split('\n').map((line) => Object.assign(document.createElement('div'), { textContent: line })));
      const me = item.querySelector('span.gD');
      me.setAttribute('email', 'support@northwind-supply.example');
      me.setAttribute('name', 'Northwind Support');
      me.textContent = 'Northwind Support';
      list.append(item);
    }
    compose.parentElement.replaceChildren();
  }

  // ── Gmail's chrome: top bar, side panel, compose windows ─────────────────────────────────────

  const RAIL_WIDTH = 56;
  const SIDE_PANEL_WIDTH = 300;
  /** Gmail's formula for the last mole spacer (InboxSDK): open side panel width + this rail inset. */
  const RAIL_INSET = 66;
  let openSidePanel = null;

  function chromeStyle(mode) {
    const pinned = mode === 'fixed';
    return `
      header[role=banner] { ${pinned ? 'position: fixed; top: 0; left: 0; right: 0; z-index: 3;' : ''} height: 64px; box-sizing: border-box;
        display: flex; align-items: center; gap: 8px; padding: 0 12px; background: #f6f8fc; }
      ${pinned ? 'body { padding-top: 64px; }' : '[role=application] { position: relative; min-height: 100vh; }'}
      .ws-gemini { margin-left: auto; width: 40px; height: 40px; border-radius: 20px; display: grid; place-items: center; cursor: pointer; }
      .aUx { position: ${pinned ? 'fixed' : 'absolute'}; top: 64px; right: 0; bottom: 0; display: flex; background: #f6f8fc; z-index: 2; }
      .WN9Ejb { width: ${SIDE_PANEL_WIDTH}px; background: #fff; border-left: 1px solid #dadce0; }
      .brC-aT5-aOt-Jw { width: ${RAIL_WIDTH}px; display: flex; flex-direction: column; align-items: center; gap: 8px; padding-top: 8px; }
      .brC-aT5-aOt-Jw [role=button] { width: 40px; height: 40px; border-radius: 20px; display: grid; place-items: center; cursor: pointer; font-size: 11px; }
      .dw { position: fixed; left: 0; right: 0; bottom: 0; display: flex; align-items: flex-end; pointer-events: none; z-index: 4; }
      .dw > .jAmAWb:first-child { flex: 1 1 auto; }
      .dw > .jAmAWb:last-child { flex: 0 0 auto; }
      .dw .no { display: flex; align-items: flex-end; gap: 8px; }
      .dw .nn.nH { width: 500px; height: 420px; pointer-events: auto; background: #fff; box-shadow: 0 8px 10px rgba(0,0,0,.2); display: flex; flex-direction: column; }
      .dw .ws-mole-title { background: #f2f6fc; padding: 10px 14px; font-weight: bold; }
    `;
  }

  function buildChrome(mode) {
    document.documentElement.classList.add('ws-chrome-' + mode);
    document.head.append(el('style', { textContent: chromeStyle(mode) }));
    const header = document.querySelector('header[role=banner]');
    const account = header?.querySelector('.gb_B');
    const gemini = el('div', { className: 'ws-gemini', attrs: { role: 'button', tabindex: '0', 'aria-label': 'Ask Gemini', 'data-tooltip': 'Ask Gemini' } }, '✦');
    if (account) account.before(gemini);
    else header?.append(gemini);
    const wrapper = el('div', { className: 'WN9Ejb', attrs: { style: 'display: none' } }, el('div', { className: 'brC-brG' }));
    const rail = el(
      'div',
      { className: 'brC-aT5-aOt-Jw', attrs: { role: 'complementary', 'aria-label': 'Side panel' } },
      ...['Calendar', 'Keep', 'Tasks'].map((name) => el('div', { attrs: { role: 'button', tabindex: '0', 'aria-label': name, 'data-side-panel': name } }, name.slice(0, 3))),
    );
    const column = el('div', { className: 'aUx' }, wrapper, rail);
    (document.querySelector('[role=application]') ?? document.body).append(column);
    placeChrome();
  }

  /** Gmail's own layout work when its side panel opens or closes: room for the column, and its mole spacer. */
  function placeChrome() {
    const wrapper = document.querySelector('.aUx .WN9Ejb');
    if (!wrapper) return;
    wrapper.style.display = openSidePanel ? '' : 'none';
    wrapper.querySelector('.brC-brG').replaceChildren(...(openSidePanel ? [el('h2', {}, openSidePanel), el('p', {}, `${openSidePanel} opens here.`)] : []));
    const columnWidth = RAIL_WIDTH + (openSidePanel ? SIDE_PANEL_WIDTH : 0);
    const content = document.querySelector('.bkK');
    if (content) content.style.marginRight = `${columnWidth}px`;
    const spacers = document.querySelectorAll('.dw > .jAmAWb');
    const right = spacers[spacers.length - 1];
    if (right) right.style.width = `${(openSidePanel ? SIDE_PANEL_WIDTH : 0) + RAIL_INSET}px`;
  }

  function toggleSidePanel(name) {
    openSidePanel = openSidePanel === name ? null : name;
    placeChrome();
  }

  /** Compose opens a mole; Gmail builds the strip lazily, with the first one. */
  async function openMole() {
    let parent = document.querySelector('div.dw .nH > .nH > .no');
    if (!parent) {
      const strip = el('div', { className: 'dw' }, el('div', { className: 'jAmAWb' }), el('div', { className: 'nH' }, el('div', { className: 'nH' }, el('div', { className: 'no' }))), el('div', { className: 'jAmAWb' }));
      document.body.append(strip);
      parent = strip.querySelector('.no');
      placeChrome();
      if (!document.querySelector('.aUx')) strip.lastElementChild.style.width = `${RAIL_INSET}px`;
    }
    const m = await manifest();
    const form = (await loadPage(m.compose2026)).querySelector('.M9');
    const compose = document.importNode(form, true);
    compose.querySelector('input[name=subjectbox]').value = '';
    compose.querySelector('input[name=rm]').value = '';
    compose.querySelector('[g_editable=true]').replaceChildren(document.createElement('br'));
    parent.append(el('div', { className: 'nn nH', attrs: { role: 'dialog', 'aria-label': 'New Message' } }, el('div', { className: 'ws-mole-title' }, 'New Message'), compose));
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const row = target.closest('tr.zA');
    if (row) {
      const id = row.querySelector('[data-legacy-thread-id]')?.getAttribute('data-legacy-thread-id');
      if (id) location.hash = '#inbox/' + id;
      return;
    }
    if (target.closest('[aria-label="Back to Inbox"]')) {
      location.hash = '#inbox';
      return;
    }
    if (target.closest('[gh=cm]')) return void openMole();
    if (target.closest('.ws-gemini')) return void toggleSidePanel('Gemini');
    const sidePanelButton = target.closest('[data-side-panel]');
    if (sidePanelButton) return void toggleSidePanel(sidePanelButton.getAttribute('data-side-panel'));
    if (target.closest('.ams.bkH, .aaq, button.DILLkc')) return void openReply(false);
    if (target.closest('.ams.bkI')) return void openReply(true);
    const sendButton = target.closest('div[role=button].T-I.aoO');
    if (sendButton) send(sendButton);
    const discard = target.closest('.og, .oh');
    if (discard) {
      const compose = discard.closest('.ip.adB') ?? discard.closest('.dw .nn.nH');
      if (compose?.matches('.ip.adB')) compose.parentElement?.replaceChildren();
      else compose?.remove();
    }
  });
  window.addEventListener('hashchange', () => void route());
  void manifest().then((m) => {
    if (m.chrome) buildChrome(m.chrome);
  });
  void route();
})();
