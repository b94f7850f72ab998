// A stand-in for Gmail's own page scripts on the demo workspace: hash routing between the
// saved pages, opening an inline reply from Gmail's real compose markup, and Send.
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
    if (from && to) to.replaceWith(document.importNode(from, true));
    else document.body.replaceChildren(...Array.from(doc.body.childNodes, (n) => document.importNode(n, true)));
  }

  async function openReply(all) {
    const main = document.querySelector('[role=main]');
    if (!main || main.querySelector('.ip.adB')) return;
    const links = main.querySelector('.amn');
    const slot = links ? links.parentElement : null;
    if (!slot) return;
    const composeSource = (await loadPage((await manifest()).compose)).querySelector('.ip.adB');
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
    const list = document.querySelector('[role=main] .nH.if[role=list]');
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
    if (target.closest('.ams.bkH, .aaq')) return void openReply(false);
    if (target.closest('.ams.bkI')) return void openReply(true);
    const sendButton = target.closest('div[role=button].T-I.aoO');
    if (sendButton) send(sendButton);
    const discard = target.closest('.og');
    if (discard) discard.closest('.ip.adB')?.parentElement?.replaceChildren();
  });
  window.addEventListener('hashchange', () => void route());
  void route();
})();
