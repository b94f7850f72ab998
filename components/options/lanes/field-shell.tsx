import type { ReactNode } from 'react';
import { FIX_FIELD_NEXT_STEP, type LaneIssue } from '@/lib/lanes/parse-lanes';
import { fieldId, issuesAt, useLaneEditor, type FieldPath } from './editor-context';

export interface FieldProps {
  path: FieldPath;
  label: string;
  hint?: string;
}

/** A field's label, hint and the problems found in it, tied to the control by id for screen readers. */
export function FieldShell({ path, label, hint, children }: FieldProps & { children: (a11y: ControlA11y) => ReactNode }) {
  const { issues } = useLaneEditor();
  const id = fieldId(path);
  const mine = issuesAt(issues, path);
  const describedBy = [hint ? `${id}-hint` : '', mine.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`lane-field${mine.length ? ' lane-field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': mine.length > 0 })}
      {hint && (
        <p id={`${id}-hint`} className="lane-field__hint">
          {hint}
        </p>
      )}
      <FieldErrors id={id} issues={mine} />
    </div>
  );
}

export interface ControlA11y {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean;
}

/** The problems found in one field, each with its next step (a schema problem's next step is the field itself). */
export function FieldErrors({ id, issues }: { id: string; issues: readonly LaneIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <div id={`${id}-error`} className="lane-field__error" data-testid={`${id}-error`}>
      {issues.map((issue) => (
        <p key={`${issue.path.join('.')}:${issue.message}`}>
          {issue.message}
          {issue.nextStep !== FIX_FIELD_NEXT_STEP && <span className="lane-field__next"> {issue.nextStep}</span>}
        </p>
      ))}
    </div>
  );
}
