import { defineConfig } from 'wxt';

// Host access is limited to the two sites the panel lives on and the two APIs
// the background may call; a custom Claude base URL is asked for at runtime.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Calm Triage',
    description:
      'Side panel for Gmail and HubSpot: classifies, drafts SOP-grounded replies and proposes CRM updates. Nothing is sent or written without your approval.',
    permissions: ['storage', 'unlimitedStorage'],
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
