/** What the SOP file parsers produce, before chunking. */

export type SopSourceKind = 'markdown' | 'text' | 'html' | 'pdf' | 'docx';

/** Metadata from the YAML-ish front matter; absent keys are null or empty. */
export interface SopMeta {
  /** A stable id the author chose (`id:` in front matter); otherwise the importer derives one from the title. */
  id: string | null;
  owner: string | null;
  effectiveDate: string | null;
  /** The document's own version label ("2.1"); the library keeps its own integer version beside it. */
  versionLabel: string | null;
  lanes: string[];
}

export interface ParsedSop {
  title: string;
  /** Markdown-like text: headings as `#` lines, list items as `- ` lines, paragraphs split by blank lines. */
  text: string;
  meta: SopMeta;
  sourceName: string;
  kind: SopSourceKind;
  /** Size of the source file. */
  bytes: number;
  /** SHA-256 (hex) of the source file bytes: equal hashes are duplicates. */
  sha256: string;
}

export const emptyMeta = (): SopMeta => ({ id: null, owner: null, effectiveDate: null, versionLabel: null, lanes: [] });
