import { fail, ok, type Result } from '@/lib/schemas/errors';
import { parseCsv } from '@/lib/text/csv';
import { categoryIdFor, type HistoryFile } from './history-file';

/**
 * Labelled history from a CSV whose header names a `text` column and a `category` column (or `label` or `intent`, as
 * intent datasets name it), with an optional `lane`. Column names are matched without case. A row without text or
 * category is skipped and counted, because real exports have them; a file without the columns is an error.
 */
export function parseHistoryCsv(content: string): Result<HistoryFile> {
  const [header, ...rows] = parseCsv(content);
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const textAt = names.indexOf('text');
  const labelAt = ['category', 'label', 'intent'].map((name) => names.indexOf(name)).find((at) => at >= 0) ?? -1;
  const laneAt = names.indexOf('lane');
  if (textAt < 0 || labelAt < 0) {
    return fail('history_csv_columns', 'The CSV needs a "text" column and a "category" column.', 'Add a header row naming those two columns (and "lane" if you have one), then import it again.');
  }
  const file: HistoryFile = { source: 'csv', examples: [], skipped: [] };
  for (const [n, row] of rows.entries()) {
    const where = `row ${n + 2}`;
    const text = row[textAt]?.trim() ?? '';
    const label = row[labelAt]?.trim() ?? '';
    const category = label ? categoryIdFor(label) : null;
    if (!text) file.skipped.push({ where, reason: 'no text' });
    else if (!category) file.skipped.push({ where, reason: label ? `"${label.slice(0, 40)}" cannot be a category name` : 'no category' });
    else file.examples.push({ text, category, label, ...(laneAt >= 0 && row[laneAt]?.trim() ? { lane: row[laneAt]!.trim() } : {}) });
  }
  if (file.examples.length === 0) return fail('history_empty', 'The file holds no row with both a text and a category.', 'Check that the text and category columns are filled in.');
  return ok(file);
}
