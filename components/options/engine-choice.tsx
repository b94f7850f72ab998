import type { PublicSettings } from '@/lib/schemas/settings';

/** Local or Claude: the same two choices in General and in the first-run setup. */
export function EngineChoice({ engine, onChange }: { engine: PublicSettings['engine']; onChange: (engine: PublicSettings['engine']) => void }) {
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
