import { defineConfig } from 'wxt';

/**
 * The extension's own ES-module files a content script imports (components/dock/chunk-loader.ts): each site's start
 * chunk, as the content script starts (parsed off the page's main thread), and its panel, on demand.
 */
const CHUNKS = ['gmail-start', 'hubspot-start', 'gmail-panel', 'hubspot-panel'];

// Host access is limited to the two sites the panel lives on and the two APIs
// the background may call; a custom Claude base URL is asked for at runtime.
export default defineConfig({
  // WXT_PANEL_SHADOW=open builds the inspectable copy (tests, benchmarks, demo script) beside the product build.
  outDirTemplate: process.env.WXT_PANEL_SHADOW === 'open' ? 'chrome-mv3-inspectable' : undefined,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Calm Triage',
    // The store's limit is 132 characters (npm run zip checks it).
    description: 'Gmail and HubSpot side panel: triage, SOP-grounded drafts, CRM update proposals. Nothing is sent or written without your approval.',
    // URL.parse (lib/protocol/server.ts, the popup's status) is the newest web API the code calls: Chrome 126.
    // pdf.js is loaded from its legacy build, which polyfills what it needs.
    minimum_chrome_version: '126',
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_title: 'Calm Triage', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
    // alarms: the daily retention purge (General → Privacy).
    permissions: ['storage', 'unlimitedStorage', 'alarms'],
    host_permissions: [
      'https://mail.google.com/*',
      'https://app.hubspot.com/*',
      'https://*.hubspot.com/*',
      'https://api.anthropic.com/*',
      'https://api.hubapi.com/*',
    ],
    // Team distribution: an enterprise policy may name a shared SOP bundle (see README, "Team distribution").
    storage: { managed_schema: 'managed_schema.json' },
    optional_host_permissions: ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'],
    // The chunks are imported by the content scripts from the extension's files; a dynamic URL keeps the
    // extension's id from being a stable fingerprint pages could probe.
    web_accessible_resources: [
      {
        resources: CHUNKS.map((name) => `${name}.js`),
        matches: ['https://mail.google.com/*', 'https://app.hubspot.com/*', 'https://*.hubspot.com/*'],
        use_dynamic_url: true,
      },
    ],
    commands: {
      'toggle-panel': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: 'Show or hide the triage panel',
      },
    },
  },
  hooks: {
    // WXT builds unlisted scripts as IIFEs; the chunks are ES modules whose default export (the start, the mount)
    // the content script gets from import().
    'vite:build:extendConfig'(entrypoints, config) {
      if (entrypoints.length !== 1 || !CHUNKS.includes(entrypoints[0]!.name)) return;
      const lib = config.build?.lib;
      if (!lib) throw new Error(`chunk ${entrypoints[0]!.name}: expected a library-mode build`);
      lib.formats = ['es'];
      // Vite leaves an ES library's whitespace unminified (for a consumer's bundler); nothing re-bundles this chunk.
      // CHUNK_NO_MINIFY=1 keeps it readable, with each module's path as a comment, to see what the chunk holds.
      const output = config.build?.rollupOptions?.output;
      if (!output || Array.isArray(output)) throw new Error(`chunk ${entrypoints[0]!.name}: expected one output`);
      output.minify = process.env.CHUNK_NO_MINIFY ? false : true;
      // One file per chunk: what a panel imports later (React DOM, started in a task of its own by
      // components/panel/mount-panel.tsx) stays inside it, evaluated when first imported.
      output.inlineDynamicImports = true;
    },
  },
});
