import { useState } from 'react';
import { unfilledPlaceholders } from '@/lib/drafting/placeholders';
import { onTrusted } from './trusted-event';

/** One field per placeholder left in the reply: filling it replaces every `{{name}}` in the text. */
export function PlaceholderFields({ text, onText }: { text: string; onText: (text: string) => void }) {
  const names = unfilledPlaceholders(text).filter((n) => /^[a-z][a-z0-9_]*$/.test(n));
  const [values, setValues] = useState<Record<string, string>>({});
  if (names.length === 0) return null;
  const fill = (name: string) => {
    const value = values[name]?.trim();
    if (value) onText(text.replace(new RegExp(`\\{\\{\\s*${name}\\s*(?:\\|[^}]*)?\\}\\}`, 'g'), value));
  };
  return (
    <fieldset className="review-group" data-testid="placeholder-fields">
      <legend>Fill before inserting</legend>
      {names.map((name) => (
        <label key={name} className="choice">
          {name.replace(/_/g, ' ')}
          <input
            data-placeholder={name}
            value={values[name] ?? ''}
            onChange={onTrusted((e) => setValues({ ...values, [name]: e.target.value }))}
            onKeyDown={(e) => e.key === 'Enter' && fill(name)}
            onBlur={() => fill(name)}
          />
        </label>
      ))}
    </fieldset>
  );
}
