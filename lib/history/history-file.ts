import { categoryIdSchema } from '@/lib/schemas/lane';

/** One labelled past message from the team's export. */
export interface HistoryExample {
  text: string;
  /** The category id the label maps to. */
  category: string;
  /** The label as the file wrote it ("Warranty claim"): a new category's label. */
  label: string;
  /** The lane the file names for it, if any. */
  lane?: string;
}

export interface HistoryFile {
  source: 'csv' | 'eml';
  examples: HistoryExample[];
  /** Rows or files left out, each with why (an empty text, no category, an unreadable message). */
  skipped: Array<{ where: string; reason: string }>;
}

/** The id a label becomes: "Warranty claim" → warranty_claim; an id already is one. */
export function categoryIdFor(label: string): string | null {
  const trimmed = label.trim();
  if (categoryIdSchema.safeParse(trimmed).success) return trimmed;
  const id = trimmed
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  if (!id) return null;
  const named = /^[a-z]/.test(id) ? id : `c_${id}`;
  return categoryIdSchema.safeParse(named).success ? named : null;
}
