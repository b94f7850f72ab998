import { useEffect, useState } from 'react';
import { FieldShell, type FieldProps } from './field-shell';
import { useLaneEditor, valueAt } from './editor-context';

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * A list of short texts, one per line. The box keeps what is typed (a new empty line, say) while the draft holds
 * the list; a change from outside (discard, restore) replaces the text.
 */
export function ListField(props: FieldProps & { rows?: number }) {
  const { draft, update } = useLaneEditor();
  const raw = valueAt(draft, props.path);
  const items = Array.isArray(raw) ? raw.map(String) : [];
  const joined = items.join('\n');
  const [text, setText] = useState(joined);
  useEffect(() => {
    setText((current) => (linesOf(current).join('\n') === joined ? current : joined));
  }, [joined]);
  return (
    <FieldShell {...props} hint={props.hint ?? 'One per line.'}>
      {(a11y) => (
        <textarea
          {...a11y}
          // Unwrapped: a line on screen is an item of the list.
          wrap="off"
          rows={props.rows ?? Math.min(8, Math.max(2, items.length + 1))}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            update(props.path, linesOf(e.target.value));
          }}
        />
      )}
    </FieldShell>
  );
}
