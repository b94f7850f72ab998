import mammoth from 'mammoth';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { htmlToText, type HtmlText } from '@/lib/text/html';
import { checkZipSize } from './zip-limits';

/**
 * DOCX through mammoth's HTML conversion, so Word's "Heading N" styles arrive as <hN> and survive into the
 * heading paths; the HTML then goes through the same path as an imported HTML file. Images are dropped.
 * A file that would unpack beyond the limit (a zip bomb) is refused before mammoth opens it.
 */
export async function docxToText(bytes: Uint8Array): Promise<Result<HtmlText>> {
  const size = await checkZipSize(bytes);
  if (!size.ok) return size;
  const arrayBuffer = bytes.slice().buffer;
  // mammoth's browser build reads `arrayBuffer`, its Node build reads `buffer`; JSZip accepts either.
  const input: { arrayBuffer: ArrayBuffer; buffer: ArrayBuffer } = { arrayBuffer, buffer: arrayBuffer };
  try {
    const converted = await mammoth.convertToHtml(input, {
      convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
    });
    return ok(htmlToText(converted.value));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(
      'sop.unreadable_docx',
      `This Word file could not be read (${reason.slice(0, 120)}).`,
      'Open it in Word or LibreOffice, save it again as .docx, and re-import it.',
    );
  }
}
