import { useEffect, useState } from 'react';
import { ruleLine, rulesFromLines, valueLines, valuesFromLines } from '@/lib/lanes/routing-lines';
import type { RoutingRule } from '@/lib/schemas/lane';
import { FieldShell, type FieldProps } from './field-shell';
import { useLaneEditor, valueAt } from './editor-context';

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** A field edited as lines of text and kept in the draft as data (routing rules, new-lead values). */
function LinesField<T>({ toLines, fromLines, ...props }: FieldProps & { toLines: (value: T | undefined) => string[]; fromLines: (lines: string[]) => T }) {
  const { draft, update } = useLaneEditor();
  const joined = toLines(valueAt(draft, props.path) as T | undefined).join('\n');
  const [text, setText] = useState(joined);
  useEffect(() => {
    // A change from outside (discard, restore) replaces the text; the admin's own typing is kept as typed.
    setText((current) => (toLines(fromLines(linesOf(current))).join('\n') === joined ? current : joined));
  }, [joined]);
  return (
    <FieldShell {...props}>
      {(a11y) => (
        <textarea
          {...a11y}
          wrap="off"
          rows={Math.min(8, Math.max(2, joined.split('\n').length + 1))}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            const lines = linesOf(e.target.value);
            update(props.path, lines.length > 0 ? fromLines(lines) : undefined);
          }}
        />
      )}
    </FieldShell>
  );
}

/** The lane's routing rules, one per line, as its SOP states them. */
export function RoutingRulesField({ path }: { path: FieldProps['path'] }) {
  return (
    <LinesField<RoutingRule[]>
      path={path}
      label="Routing rules"
      hint="One per line, first that fires wins: “seats >= 50 -> owner@company.com | why” or “source ~ partner -> owner@company.com | why”. The owner is a HubSpot owner’s email or id; it reads a handoff field."
      toLines={(rules) => (rules ?? []).map(ruleLine)}
      fromLines={rulesFromLines}
    />
  );
}

/** Values every new lead is proposed with, one "property = value" per line. */
export function NewLeadValuesField({ path }: { path: FieldProps['path'] }) {
  return (
    <LinesField<Record<string, string>>
      path={path}
      label="Values for a new lead"
      hint="One “property = value” per line (HubSpot's internal names), e.g. “hs_lead_status = NEW”: proposed for every lead, with the sentence in which they ask to buy."
      toLines={(values) => valueLines(values ?? {})}
      fromLines={valuesFromLines}
    />
  );
}
