import '@/components/panel/panel.css';
import { mountPanel } from '@/components/panel/mount-panel';
import { EmptyState } from '@/components/panel/panel-section';

export default defineContentScript({
  matches: ['https://app.hubspot.com/*', 'https://*.hubspot.com/*'],
  cssInjectionMode: 'ui',
  async main(ctx) {
    if (!/^app(-[a-z0-9]+)?\.hubspot\.com$/.test(location.hostname)) return;
    await mountPanel(ctx, {
      site: 'hubspot',
      reserveSpace: (px) => {
        document.body.style.paddingRight = px > 0 ? `${px}px` : '';
      },
      body: () => <EmptyState>Open a contact, company, deal or ticket to see proposed field updates.</EmptyState>,
    });
  },
});
