import { useEffect, useState } from 'react';
import { send } from '@/lib/protocol/client';
import type { EngineChoice as Engine } from '@/lib/schemas/settings';

/** The engine choice as the background holds it: loaded once, saved through the background (never storage.local). */
export function useEngineChoice(): { engine: Engine | null; error: string | null; choose: (engine: Engine) => Promise<boolean> } {
  const [engine, setEngine] = useState<Engine | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void send('settings.getEngine', {}).then((a) => (a.ok ? setEngine(a.value.engine) : setError(`${a.error.message} ${a.error.nextStep}`)));
  }, []);
  const choose = async (next: Engine) => {
    const previous = engine;
    setEngine(next);
    const answer = await send('settings.setEngine', { engine: next });
    // A choice the background did not save is not shown as made.
    setEngine(answer.ok ? answer.value.engine : previous);
    setError(answer.ok ? null : `${answer.error.message} ${answer.error.nextStep}`);
    return answer.ok;
  };
  return { engine, error, choose };
}

/** Local or Claude: the same two choices in General and in the first-run setup. */
export function EngineChoice({ engine, onChange }: { engine: Engine; onChange: (engine: Engine) => void }) {
  return (
    <fieldset>
      <legend className="visually-hidden">Triage engine</legend>
      <label className="radio">
        <input type="radio" name="engine" value="local" checked={engine === 'local'} onChange={() => onChange('local')} />
        <span>
          <strong>Local</strong> — runs inside the extension, no key and no network. The default.
        </span>
      </label>
      <label className="radio">
        <input type="radio" name="engine" value="claude" checked={engine === 'claude'} onChange={() => onChange('claude')} />
        <span>
          <strong>Claude</strong> — Anthropic's API with your key.
        </span>
      </label>
    </fieldset>
  );
}
