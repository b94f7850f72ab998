import { useState } from 'react';
import type { OptionsTabId } from '@/lib/ui/options-tabs';
import { EngineChoice, useEngineChoice } from './engine-choice';
import { OwnDomains } from './own-domains';
import { loadSampleSops } from './sample-sops';

const STEPS = ['Mail domains', 'SOPs', 'Engine'] as const;

/**
 * The first run: three short steps, each skippable and none needed for the local demo. The options page opens here
 * when the extension is installed (and from the Gmail panel when the SOP library is empty).
 */
export function FirstRunSetup({ onOpenTab }: { onOpenTab: (tab: OptionsTabId) => void }) {
  const [step, setStep] = useState(0);
  const done = step >= STEPS.length;
  return (
    <div className="setup" data-testid="first-run-setup">
      <section className="card">
        <h2>Set up Calm Triage</h2>
        <p className="muted">
          Three short steps. Each can be skipped and changed later under General and SOP library; with none of them the panel still runs on the local
          engine.
        </p>
        <ol className="setup__steps" aria-label="Setup steps">
          {STEPS.map((label, i) => (
            <li key={label} className={i === step ? 'setup__step setup__step--current' : 'setup__step'} aria-current={i === step ? 'step' : undefined}>
              {i < step ? '✓ ' : `${i + 1}. `}
              {label}
            </li>
          ))}
        </ol>
      </section>
      {step === 0 && <OwnDomains />}
      {step === 1 && <SopStep onOpenTab={onOpenTab} />}
      {step === 2 && <EngineStep />}
      {done ? (
        <section className="card" data-testid="setup-done">
          <h2>You're set</h2>
          <p>
            Open a Gmail thread: the panel docks at its right, classifies the thread, shows the SOP passages it relies on and drafts a reply for you
            to review. Nothing is sent or written without your approval.
          </p>
          <div className="row row--start">
            <button type="button" className="button" onClick={() => onOpenTab('general')}>
              General settings
            </button>
            <button type="button" className="button" onClick={() => onOpenTab('sops')}>
              SOP library
            </button>
            <button type="button" className="button" onClick={() => setStep(0)}>
              Start the setup again
            </button>
          </div>
        </section>
      ) : (
        <div className="row row--start setup__nav">
          {step > 0 && (
            <button type="button" className="button" onClick={() => setStep(step - 1)}>
              Back
            </button>
          )}
          <button type="button" className="button" onClick={() => setStep(step + 1)}>
            Skip this step
          </button>
          <button type="button" className="button button--primary" onClick={() => setStep(step + 1)}>
            {step === STEPS.length - 1 ? 'Finish' : 'Next'}
          </button>
        </div>
      )}
    </div>
  );
}

function SopStep({ onOpenTab }: { onOpenTab: (tab: OptionsTabId) => void }) {
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const loadSamples = async () => {
    setBusy(true);
    setStatus('Loading the sample SOPs…');
    setStatus((await loadSampleSops()).message);
    setBusy(false);
  };
  return (
    <section className="card" aria-labelledby="setup-sops-title">
      <h2 id="setup-sops-title">Your SOPs</h2>
      <p>
        Drafts quote your company's procedures and nothing else. Load the sample library of a demo company (Northwind Supply) to try the panel, or
        import your own Markdown, text, HTML, PDF or Word files.
      </p>
      <div className="row row--start">
        <button type="button" className="button" disabled={busy} onClick={() => void loadSamples()}>
          Load the sample SOPs
        </button>
        <button type="button" className="button" onClick={() => onOpenTab('sops')}>
          Import your own…
        </button>
        <span role="status" className="status">
          {status}
        </span>
      </div>
    </section>
  );
}

function EngineStep() {
  const { engine, error, choose } = useEngineChoice();
  if (!engine) return <p className={error ? 'error' : 'muted'}>{error ?? 'Loading settings…'}</p>;
  return (
    <section className="card" aria-labelledby="setup-engine-title">
      <h2 id="setup-engine-title">Engine</h2>
      <EngineChoice engine={engine} onChange={(next) => void choose(next)} />
      {error && <p className="error">{error}</p>}
      {engine === 'claude' && <p className="muted">Set the Claude API key under General → Claude; until then the local engine answers.</p>}
    </section>
  );
}
