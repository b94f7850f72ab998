import { defineConfig } from 'wxt';

// Host access is limited to the two sites the panel lives on and the two APIs
// the background may call; a custom Claude base URL is asked for at runtime.
export default defineConfig({
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
    commands: {
      'toggle-panel': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: 'Show or hide the triage panel',
      },
    },
  },
});
