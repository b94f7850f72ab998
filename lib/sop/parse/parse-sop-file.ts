import { fail, type Result } from '@/lib/schemas/errors';
import { docxToText } from './docx';
import type { ParsedSop } from './parsed-sop';
import { parseSop, type BinaryExtractor } from './parse-text-sop';
import { pdfToText } from './pdf';

export { checkNotDuplicate, MAX_SOP_BYTES, sourceKindOf } from './parse-text-sop';

const startsWith = (bytes: Uint8Array, ascii: string) => [...ascii].every((c, i) => bytes[i] === c.charCodeAt(0));

const binaryText: BinaryExtractor = async (kind, bytes) => {
  if (kind === 'pdf') {
    if (!startsWith(bytes, '%PDF-')) {
      return fail('sop.unreadable_pdf', 'This file is named .pdf but is not a PDF.', 'Check the file, export it again as PDF, and re-import it.');
    }
    return pdfToText(bytes);
  }
  if (!startsWith(bytes, 'PK')) {
    return fail('sop.unreadable_docx', 'This file is named .docx but is not a Word document.', 'Save it from Word as .docx (not .doc) and re-import it.');
  }
  return docxToText(bytes);
};

/** Reads one SOP file of any supported type (Markdown, text, HTML, PDF, DOCX): the options page's importer. */
export const parseSopFile = (name: string, bytes: Uint8Array, mime?: string): Promise<Result<ParsedSop>> => parseSop(name, bytes, mime, binaryText);
