import { FieldShell, type FieldProps } from './field-shell';
import { useLaneEditor, valueAt } from './editor-context';

/** One line of text. onBlur lets a name fill an empty id. */
export function TextField(props: FieldProps & { onBlur?: () => void; placeholder?: string }) {
  const { draft, update } = useLaneEditor();
  const value = valueAt(draft, props.path);
  return (
    <FieldShell {...props}>
      {(a11y) => (
        <input {...a11y} type="text" value={typeof value === 'string' ? value : ''} placeholder={props.placeholder} onChange={(e) => update(props.path, e.target.value)} onBlur={props.onBlur} />
      )}
    </FieldShell>
  );
}

export function TextAreaField(props: FieldProps) {
  const { draft, update } = useLaneEditor();
  const value = valueAt(draft, props.path);
  return <FieldShell {...props}>{(a11y) => <textarea {...a11y} rows={2} value={typeof value === 'string' ? value : ''} onChange={(e) => update(props.path, e.target.value)} />}</FieldShell>;
}

/** A 0–1 threshold. An emptied box is kept as NaN so the schema reports it on this field instead of it becoming 0. */
/** A number, 0–1 by default (shares and scores); min, max and step for counts. */
export function ThresholdField(props: FieldProps & { min?: number; max?: number; step?: number }) {
  const { draft, update } = useLaneEditor();
  const value = valueAt(draft, props.path);
  return (
    <FieldShell {...props}>
      {(a11y) => (
        <input
          {...a11y}
          type="number"
          min={props.min ?? 0}
          max={props.max ?? 1}
          step={props.step ?? 0.05}
          inputMode={props.step === 1 ? 'numeric' : 'decimal'}
          value={typeof value === 'number' && !Number.isNaN(value) ? value : ''}
          onChange={(e) => update(props.path, e.target.value === '' ? Number.NaN : e.target.valueAsNumber)}
        />
      )}
    </FieldShell>
  );
}

export function SelectField<V extends string>(props: FieldProps & { options: ReadonlyArray<{ value: V; label: string }> }) {
  const { draft, update } = useLaneEditor();
  const value = valueAt(draft, props.path);
  return (
    <FieldShell {...props}>
      {(a11y) => (
        <select {...a11y} value={String(value)} onChange={(e) => update(props.path, e.target.value)}>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
