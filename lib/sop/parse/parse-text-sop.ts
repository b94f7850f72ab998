import { fail, ok, type Result } from '@/lib/schemas/errors';
import { sha256Hex } from '@/lib/common/sha256';
import { decodeText } from './decode';
import { readFrontMatter } from './front-matter';
import { htmlToText } from '@/lib/text/html';
import { firstHeading, normaliseMarkdown } from './markdown';
import type { ParsedSop, SopSourceKind } from './parsed-sop';

/** Files over this size are refused: an SOP is a document people read, and the index lives in memory. */
export const MAX_SOP_BYTES = 10 * 1024 * 1024;

const BY_EXTENSION: Record<string, SopSourceKind> = {
  md: 'markdown', markdown: 'markdown', mdown: 'markdown', txt: 'text', text: 'text',
  html: 'html', htm: 'html', xhtml: 'html', pdf: 'pdf', docx: 'docx',
};
const BY_MIME: Record<string, SopSourceKind> = {
  'text/markdown': 'markdown', 'text/x-markdown': 'markdown', 'text/plain': 'text', 'text/html': 'html',
  'application/xhtml+xml': 'html', 'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

export function sourceKindOf(name: string, mime?: string): SopSourceKind | null {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return (extension ? BY_EXTENSION[extension] : undefined) ?? (mime ? BY_MIME[mime.split(';')[0]?.trim().toLowerCase() ?? ''] : undefined) ?? null;
}

const titleFromName = (name: string) =>
  (name.split(/[\\/]/).pop() ?? name).replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ').trim() || 'Untitled SOP';

/** Reads the text of a PDF or Word file; only extension pages bundle one (the parsers are large). */
export type BinaryExtractor = (kind: 'pdf' | 'docx', bytes: Uint8Array) => Promise<Result<{ title: string | null; text: string }>>;

async function textOf(kind: SopSourceKind, bytes: Uint8Array, binary: BinaryExtractor | undefined): Promise<Result<{ title: string | null; text: string }>> {
  switch (kind) {
    case 'pdf':
    case 'docx':
      return binary
        ? binary(kind, bytes)
        : fail('sop.binary_here', `${kind.toUpperCase()} files are imported from the options page.`, 'Import this file in Options → SOP library.');
    case 'html': {
      const decoded = decodeText(bytes);
      return decoded.ok ? ok(htmlToText(decoded.value)) : decoded;
    }
    case 'markdown':
    case 'text': {
      const decoded = decodeText(bytes);
      return decoded.ok ? ok({ title: null, text: decoded.value }) : decoded;
    }
  }
}

/**
 * Reads one SOP file into a ParsedSop, or a reason it was refused: unsupported type, empty, too large, unreadable,
 * not text. Front matter (`---` block) is read from any text-bearing format. PDF and Word need `binary`.
 */
export async function parseSop(name: string, bytes: Uint8Array, mime?: string, binary?: BinaryExtractor): Promise<Result<ParsedSop>> {
  const kind = sourceKindOf(name, mime);
  if (!kind) {
    return fail('sop.unsupported_type', `"${name}" is not a supported SOP file type.`, 'Use Markdown (.md), text (.txt), HTML, PDF or Word (.docx).');
  }
  if (bytes.length === 0) return fail('sop.empty', `"${name}" is empty.`, 'Check you picked the right file.');
  if (bytes.length > MAX_SOP_BYTES) {
    return fail(
      'sop.too_large',
      `"${name}" is ${(bytes.length / 1048576).toFixed(1)} MB; SOP files are limited to ${MAX_SOP_BYTES / 1048576} MB.`,
      'Split it into one file per procedure and import those.',
    );
  }
  const extracted = await textOf(kind, bytes, binary);
  // Name the file: in a batch import the reason is shown beside many others.
  if (!extracted.ok) return fail(extracted.error.code, `"${name}": ${extracted.error.message}`, extracted.error.nextStep);

  const front = readFrontMatter(extracted.value.text.replace(/^\uFEFF/, ''));
  const text = normaliseMarkdown(front.body);
  if (!/[\p{L}\p{N}]/u.test(text)) {
    return fail(
      'sop.empty',
      kind === 'pdf' ? `"${name}" has no text layer (it may be a scanned image).` : `"${name}" has no readable text.`,
      kind === 'pdf' ? 'Export it with text (or run OCR on it) and re-import.' : 'Check you picked the right file.',
    );
  }
  return ok({
    title: front.title ?? extracted.value.title ?? firstHeading(text) ?? titleFromName(name),
    text,
    meta: front.meta,
    sourceName: name,
    kind,
    bytes: bytes.length,
    sha256: await sha256Hex(bytes),
  });
}

/** Refuses a parsed SOP whose file is byte-identical to one already in the library. */
export function checkNotDuplicate(parsed: ParsedSop, knownHashes: ReadonlySet<string>): Result<ParsedSop> {
  if (knownHashes.has(parsed.sha256)) {
    return fail('sop.duplicate', `"${parsed.sourceName}" is identical to an SOP already in the library.`, 'Nothing to do; to change an SOP, import its edited file.');
  }
  return ok(parsed);
}

/** Markdown, text and HTML only: what the background imports (the sample library), without the PDF and Word parsers. */
export const parseTextSopFile = (name: string, bytes: Uint8Array, mime?: string): Promise<Result<ParsedSop>> => parseSop(name, bytes, mime);
