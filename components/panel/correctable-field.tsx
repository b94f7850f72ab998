import { useId, useState, type ReactNode } from 'react';

interface Props {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onCorrect: (to: string) => Promise<string | null>;
  children: ReactNode;
}

/** A classified value with a "Change" control: the rep's correction is recorded and teaches the local engine. */
export function CorrectableField({ label, value, options, onCorrect, children }: Props) {
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState(value);
  const [note, setNote] = useState<string | null>(null);
  const id = useId();
  if (!editing) {
    return (
      <>
        {children}{' '}
        <button type="button" className="link" onClick={() => (setChoice(value), setEditing(true))} aria-label={`Change ${label}`}>
          Change
        </button>
        {note && (
          <span className="muted small" role="status">
            {' '}
            {note}
          </span>
        )}
      </>
    );
  }
  return (
    <span className="correct">
      <label htmlFor={id} className="visually-hidden">
        Correct {label}
      </label>
      <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button"
        disabled={choice === value}
        onClick={() =>
          void onCorrect(choice).then((problem) => {
            setNote(problem ?? 'Correction recorded.');
            setEditing(false);
          })
        }
      >
        Save
      </button>
      <button type="button" className="link" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </span>
  );
}
