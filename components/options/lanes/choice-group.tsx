import { FieldErrors } from './field-shell';
import { fieldId, issuesAt, useLaneEditor, valueAt, type FieldPath } from './editor-context';

/** Several of a fixed set (actions, risk flags): checkboxes under one legend, in the set's order. */
export function ChoiceGroup<V extends string>({ path, legend, options }: { path: FieldPath; legend: string; options: ReadonlyArray<{ value: V; label: string }> }) {
  const { draft, update, issues } = useLaneEditor();
  const raw = valueAt(draft, path);
  const chosen = new Set(Array.isArray(raw) ? raw.map(String) : []);
  const id = fieldId(path);
  const mine = issuesAt(issues, path);
  const toggle = (value: V, on: boolean) => update(path, options.map((o) => o.value).filter((v) => (v === value ? on : chosen.has(v))));
  return (
    <fieldset className="lane-choices" id={id} tabIndex={-1} aria-describedby={mine.length ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <div className="lane-choices__options">
        {options.map((o) => (
          <label key={o.value} className="check">
            <input type="checkbox" checked={chosen.has(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
            {o.label}
          </label>
        ))}
      </div>
      <FieldErrors id={id} issues={mine} />
    </fieldset>
  );
}
