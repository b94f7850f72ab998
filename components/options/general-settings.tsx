import { useEffect, useState } from 'react';
import { readPublicSettings, updatePublicSettings, watchPublicSettings } from '@/lib/settings/public-settings';
import type { PublicSettings } from '@/lib/schemas/settings';
import { ClaudeSettings } from './claude-settings';
import { OwnDomains } from './own-domains';
import { HubSpotToken } from './hubspot-token';
import { EngineChoice, useEngineChoice } from './engine-choice';
import { Retention } from './retention';

/** Engine choice (held by the background) and where the panel appears. Changes apply to open tabs at once. */
export function GeneralSettings() {
  const [settings, setSettings] = useState<PublicSettings | null>(null);
  const [saved, setSaved] = useState<string>('');
  const engine = useEngineChoice();
  useEffect(() => {
    void readPublicSettings().then(setSettings);
    return watchPublicSettings(setSettings);
  }, []);
  if (!settings) return <p className="muted">Loading settings…</p>;

  const save = async (patch: Partial<PublicSettings>) => {
    // Show the choice at once; storage confirms it a moment later.
    setSettings({ ...settings, ...patch });
    setSettings(await updatePublicSettings(patch));
    setSaved('Saved. Open tabs follow the change at once.');
  };

  return (
    <>
      <section className="card" aria-labelledby="engine-title">
        <h2 id="engine-title">Engine</h2>
        {engine.engine && <EngineChoice engine={engine.engine} onChange={(next) => void engine.choose(next).then((done) => done && setSaved('Saved. Open tabs follow the change at once.'))} />}
        {(engine.error || !engine.engine) && <p className={engine.error ? 'error' : 'muted'}>{engine.error ?? 'Loading the engine choice…'}</p>}
        <ClaudeSettings />
      </section>
      <OwnDomains />
      <HubSpotToken />
      <section className="card" aria-labelledby="panels-title">
        <h2 id="panels-title">Panel</h2>
        {(['gmail', 'hubspot'] as const).map((site) => (
          <label className="check" key={site}>
            <input
              type="checkbox"
              name={`panel-${site}`}
              checked={settings.panelEnabled[site]}
              onChange={(e) => void save({ panelEnabled: { ...settings.panelEnabled, [site]: e.target.checked } })}
            />
            Show the panel in {site === 'gmail' ? 'Gmail' : 'HubSpot'}
          </label>
        ))}
        <p className="muted">Collapse or expand the panel on any page with Alt+Shift+T; the choice is remembered.</p>
      </section>
      <Retention />
      <p role="status" className="status">
        {saved}
      </p>
    </>
  );
}
