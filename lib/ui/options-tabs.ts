/** The options page's tabs; each is reachable as options.html#<id> (the popup's links, the first-run page). */
export const OPTIONS_TABS = [
  { id: 'setup', label: 'Setup' },
  { id: 'general', label: 'General' },
  { id: 'sops', label: 'SOP library' },
  { id: 'lanes', label: 'Lanes' },
  { id: 'history', label: 'History' },
  { id: 'kpis', label: 'KPIs' },
  { id: 'audit', label: 'Audit log' },
] as const;
export type OptionsTabId = (typeof OPTIONS_TABS)[number]['id'];

/** The tab a location hash names, or null. */
export function tabFromHash(hash: string): OptionsTabId | null {
  const id = hash.replace(/^#/, '');
  return OPTIONS_TABS.find((t) => t.id === id)?.id ?? null;
}

/** Path of the options page on a tab, for runtime.getURL. */
export const optionsPath = (tab: OptionsTabId) => `/options.html#${tab}` as const;
