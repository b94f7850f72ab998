import { fail, ok, type Result } from '@/lib/schemas/errors';
import { parseCsv } from '@/lib/text/csv';
import type { LabelledText } from './text-classifier';

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
