import { useState } from 'react';
import { GeneralSettings } from './general-settings';
import { KpiDashboard } from './kpi-dashboard';
import { AuditLog } from './audit-log';
import { LanesView } from './lanes-view';
import { SopLibrary } from './sop-library';

const tabs = [
  { id: 'general', label: 'General' },
  { id: 'sops', label: 'SOP library' },
  { id: 'lanes', label: 'Lanes' },
  { id: 'kpis', label: 'KPIs' },
  { id: 'audit', label: 'Audit log' },
] as const;
type TabId = (typeof tabs)[number]['id'];

/** The admin's page: engine, panels, SOP library, lanes, KPIs and the audit log. */
export function OptionsApp() {
  const [tab, setTab] = useState<TabId>('general');
  return (
    <div className="options">
      <header className="options__header">
        <h1>Calm Triage</h1>
        <p className="muted">Settings for your team's triage panel. Nothing is ever sent or written without a rep's approval.</p>
      </header>
      <nav className="tabs" role="tablist" aria-label="Options sections">
        {tabs.map((t) => (
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
        {tab === 'general' && <GeneralSettings />}
        {tab === 'sops' && <SopLibrary />}
        {tab === 'lanes' && <LanesView />}
        {tab === 'kpis' && <KpiDashboard />}
        {tab === 'audit' && <AuditLog />}
      </main>
    </div>
  );
}
