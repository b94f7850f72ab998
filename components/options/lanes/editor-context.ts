import { createContext, useContext } from 'react';
import type { LaneIssue } from '@/lib/lanes/parse-lanes';
import type { Lane } from '@/lib/schemas/lane';

export type FieldPath = ReadonlyArray<string | number>;

/** The draft lanes being edited, how to change one field of them, and the problems to show at each field. */
export interface LaneEditorState {
  draft: Lane[];
  update: (path: FieldPath, value: unknown) => void;
  /** Problems shown only after the admin first tried to save: an empty new field is not an error yet. */
  issues: LaneIssue[];
}

export const LaneEditorContext = createContext<LaneEditorState | null>(null);

export function useLaneEditor(): LaneEditorState {
  const state = useContext(LaneEditorContext);
  if (!state) throw new Error('Lane editor fields are used outside the lane editor.');
  return state;
}

/** The element id of the field at a path: the error summary focuses it. */
export const fieldId = (path: FieldPath) => `lane-field-${path.join('-')}`;

export function valueAt(root: unknown, path: FieldPath): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], root);
}

/** A copy of root with the value at path replaced; the objects along the path are copied, the rest shared. */
export function withValueAt<T>(root: T, path: FieldPath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [key, ...rest] = path as [string | number, ...Array<string | number>];
  const node = root as Record<string | number, unknown> | unknown[];
  const next = Array.isArray(node) ? [...node] : { ...node };
  (next as Record<string | number, unknown>)[key] = withValueAt((node as Record<string | number, unknown>)[key], rest, value);
  return next as T;
}

/** Problems about this field: at its path, or inside it (an item of a list field). */
export function issuesAt(issues: readonly LaneIssue[], path: FieldPath): LaneIssue[] {
  return issues.filter((issue) => path.every((key, i) => issue.path[i] === key));
}
