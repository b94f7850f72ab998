import Papa from 'papaparse';

/** RFC 4180 rows (quoted fields with commas, doubled quotes and line breaks), blank lines dropped. Files mixing
 * Windows and Unix line ends are common in exports, so line ends are made one kind first. */
export function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), { skipEmptyLines: true, newline: '\n' });
  return parsed.data;
}
