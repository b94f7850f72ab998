import Papa from 'papaparse';

/** RFC 4180 rows (quoted fields with commas, doubled quotes and line breaks), blank lines dropped. */
export function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  return parsed.data;
}
