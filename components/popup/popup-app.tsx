import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { send } from '@/lib/protocol/client';
import type { AppError } from '@/lib/schemas/errors';
import type { StatusSummary } from '@/lib/schemas/status';
import { optionsPath, OPTIONS_TABS, type OptionsTabId } from '@/lib/ui/options-tabs';
import { BrandMark } from '@/components/ui/brand-mark';
import { engineLine, libraryLine, panelLine, pendingLine, policyLine } from './status-lines';

/** The active tab's URL: readable only on our own sites (host permissions), which is all the popup needs. */
async function activeTabUrl(): Promise<string | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url ?? null;
}

async function openOptions(tab: OptionsTabId) {
  await browser.tabs.create({ url: browser.runtime.getURL(optionsPath(tab)) });
  window.close();
}

/** The toolbar popup: where things stand at a glance, and a way into each options tab. */
export function PopupApp() {
  const [summary, setSummary] = useState<StatusSummary | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    void activeTabUrl()
      .then((url) => send('status.summary', { url }))
      .then((answer) => (answer.ok ? setSummary(answer.value) : setError(answer.error)));
  }, []);

  return (
    <div className="popup">
      <header className="popup__header">
        <BrandMark size={24} />
        <h1>Calm Triage</h1>
      </header>
      {error && (
        <p className="popup__error" role="alert">
          {error.message} {error.nextStep}
        </p>
      )}
      {!summary && !error && <p className="muted">Reading the extension's state…</p>}
      {summary && (
        <dl className="popup__facts" data-testid="popup-status">
          <dt>This tab</dt>
          <dd data-testid="popup-panel">{panelLine(summary)}</dd>
          <dt>Engine</dt>
          <dd data-testid="popup-engine">{engineLine(summary)}</dd>
          <dt>SOP library</dt>
          <dd data-testid="popup-library">{libraryLine(summary)}</dd>
          <dt>Policy</dt>
          <dd data-testid="popup-policy">{policyLine(summary.managed)}</dd>
          <dt>Pending</dt>
          <dd data-testid="popup-pending">{pendingLine(summary)}</dd>
        </dl>
      )}
      <nav aria-label="Options" className="popup__links">
        {OPTIONS_TABS.map((t) => (
          <button key={t.id} type="button" className="popup__link" data-tab={t.id} onClick={() => void openOptions(t.id)}>
            {t.label}
          </button>
        ))}
      </nav>
    </div>
  );
}
