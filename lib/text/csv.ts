import Papa from 'papaparse';

/** RFC 4180 rows (quoted fields with commas, doubled quotes and line breaks), blank lines dropped. Files mixing
 * Windows and Unix line ends are common in exports, so line ends are made one kind first. */
export function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), { skipEmptyLines: true, newline: '\n' });
  return parsed.data;
}

/** RFC 4180 text from rows of named cells, with Windows line ends as spreadsheets expect. A cell that starts like a
 * formula (=, +, -, @) gets an apostrophe in front, so opening the file in a spreadsheet runs nothing. */
export function writeCsv<C extends string>(rows: readonly Record<C, string>[], columns: readonly C[]): string {
  return Papa.unparse([...rows], { columns: [...columns], newline: '\r\n', escapeFormulae: true });
}
