import { fail, ok, type Result } from '@/lib/schemas/errors';

/** How much of the start of a file is sniffed for binary content. */
const SNIFF_BYTES = 8192;

// Windows-1252's 0x80-0x9F block (the rest is Latin-1). Decoded by hand: Node builds without full ICU
// decode "windows-1252" as Latin-1 and lose € and curly quotes.
const CP1252_HIGH =
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd' +
  '\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** True when the bytes look like text in a single-byte encoding: no NUL, almost no control characters. */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control <= sample.length * 0.01;
}

/**
 * Text of a file: UTF-8 (strict), then UTF-16 when a byte-order mark says so, then Windows-1252 only when the
 * bytes look like text. Anything else is refused rather than turned into mojibake in the index.
 */
export function decodeText(bytes: Uint8Array): Result<string> {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return ok(new TextDecoder('utf-16le').decode(bytes.subarray(2)));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return ok(new TextDecoder('utf-16be').decode(bytes.subarray(2)));
  try {
    // TextDecoder drops a UTF-8 byte-order mark by default.
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    // Not UTF-8: fall through to the single-byte guess below.
  }
  if (looksLikeText(bytes)) return ok(decodeWindows1252(bytes));
  return fail(
    'sop.not_text',
    'This file is not readable text (it looks binary or uses an unknown encoding).',
    'Save it as UTF-8 text, Markdown, HTML, PDF or DOCX and import it again.',
  );
}
