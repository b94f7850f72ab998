import { fail, ok, type Result } from '@/lib/schemas/errors';
import type { LabelledText } from './text-classifier';

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Labelled examples from a CSV whose header names a `text` and a `category` (or `label`) column. */
export function parseLabelledCsv(text: string): Result<LabelledText[]> {
  const [header, ...rows] = parseCsv(text);
  const textAt = header?.indexOf('text') ?? -1;
  const labelAt = header ? Math.max(header.indexOf('category'), header.indexOf('label')) : -1;
  if (textAt < 0 || labelAt < 0) {
    return fail('csv_columns', 'The CSV needs a "text" column and a "category" column.', 'Add a header row naming those two columns.');
  }
  const examples: LabelledText[] = [];
  for (const [n, r] of rows.entries()) {
    const t = r[textAt]?.trim();
    const label = r[labelAt]?.trim();
    if (!t || !label) return fail('csv_row', `Row ${n + 2} of the CSV has no text or no category.`, 'Fill in or remove that row.');
    examples.push({ text: t, label });
  }
  return ok(examples);
}
