import { useEffect, useState } from 'react';
import { OPTIONS_TABS, tabFromHash, type OptionsTabId } from '@/lib/ui/options-tabs';
import { BrandMark } from '@/components/ui/brand-mark';
import { GeneralSettings } from './general-settings';
import { KpiDashboard } from './kpi-dashboard';
import { AuditLog } from './audit-log';
import { LanesView } from './lanes-view';
import { HistoryTab } from './history/history-tab';
import { SopLibrary } from './sop-library';
import { FirstRunSetup } from './first-run-setup';

/** The tab in the address (#setup, #sops…) so the popup, the first run and the panel can link to one. */
function useHashTab(): [OptionsTabId, (tab: OptionsTabId) => void] {
  const [tab, setTab] = useState<OptionsTabId>(() => tabFromHash(location.hash) ?? 'general');
  useEffect(() => {
    const follow = () => setTab(tabFromHash(location.hash) ?? 'general');
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const open = (next: OptionsTabId) => {
    history.replaceState(null, '', `#${next}`);
    setTab(next);
  };
  return [tab, open];
}

/** The admin's page: first-run setup, engine, panels, SOP library, lanes, KPIs and the audit log. */
export function OptionsApp() {
  const [tab, setTab] = useHashTab();
  return (
    <div className="options">
      <header className="options__header">
        <h1 className="options__title">
          <BrandMark size={28} />
          Calm Triage
        </h1>
        <p className="muted">Settings for your team's triage panel. Nothing is ever sent or written without a rep's approval.</p>
      </header>
      <nav className="tabs" role="tablist" aria-label="Options sections">
        {OPTIONS_TABS.map((t) => (
          <button
            key={t.id}
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className="tab"
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </nav>
      <main id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="options__main">
        {tab === 'setup' && <FirstRunSetup onOpenTab={setTab} />}
        {tab === 'general' && <GeneralSettings />}
        {tab === 'sops' && <SopLibrary />}
        {tab === 'lanes' && <LanesView />}
        {tab === 'history' && <HistoryTab />}
        {tab === 'kpis' && <KpiDashboard />}
        {tab === 'audit' && <AuditLog />}
      </main>
    </div>
  );
}
