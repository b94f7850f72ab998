import { fail, ok, type Result } from '@/lib/schemas/errors';

/**
 * PDF text with pdf.js, page by page. Headings are guessed from font size: the size carrying most characters is the
 * body size, and lines clearly larger than it become `#` headings (largest size = level 1).
 *
 * Where it runs: pdf.js normally spawns a Web Worker, which an MV3 service worker cannot do. We load pdf.js's worker
 * module into this same thread instead (`globalThis.pdfjsWorker`, pdf.js's documented "fake worker" hook), so the
 * parser runs unchanged in the options page (where the admin drops files), in a dedicated Worker, in the background
 * service worker and in Node tests. The legacy build is used everywhere: the modern one needs DOMMatrix at load
 * time, which Node lacks, and one build means one tested code path.
 */

interface TextItemLike {
  str: string;
  transform: number[];
  hasEOL?: boolean;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsLoading: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  pdfjsLoading ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjsLoading;
}

interface Line {
  text: string;
  size: number;
}

function linesOfPage(items: TextItemLike[]): Line[] {
  const lines: Line[] = [];
  let text = '';
  let size = 0;
  let lastY: number | null = null;
  const push = () => {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean) lines.push({ text: clean, size: Math.round(size * 10) / 10 });
    text = '';
    size = 0;
  };
  for (const item of items) {
    const y = item.transform[5] ?? 0;
    const itemSize = Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0);
    if (lastY !== null && Math.abs(y - lastY) > Math.max(2, itemSize * 0.5)) push();
    text += item.str;
    size = Math.max(size, itemSize);
    lastY = y;
    if (item.hasEOL) {
      push();
      lastY = null;
    }
  }
  push();
  return lines;
}

/** Markdown-like text from lines, with headings where the font is clearly larger than the body's. */
function linesToText(pages: Line[][]): string {
  const charsBySize = new Map<number, number>();
  for (const line of pages.flat()) charsBySize.set(line.size, (charsBySize.get(line.size) ?? 0) + line.text.length);
  const body = [...charsBySize.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const headingSizes = [...charsBySize.keys()].filter((s) => s >= body * 1.15).sort((a, b) => b - a).slice(0, 6);

  const out: string[] = [];
  for (const page of pages) {
    for (const line of page) {
      const level = headingSizes.indexOf(line.size);
      if (level >= 0 && line.text.length <= 120) out.push('', `${'#'.repeat(level + 1)} ${line.text}`, '');
      else out.push(line.text);
    }
    out.push('');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

export async function pdfToText(bytes: Uint8Array): Promise<Result<{ title: string | null; text: string }>> {
  const pdfjs = await loadPdfJs();
  let loading: ReturnType<PdfJs['getDocument']> | null = null;
  try {
    // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
    loading = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
    const doc = await loading.promise;
    const pages: Line[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(linesOfPage(content.items.filter((i): i is TextItemLike & typeof i => 'str' in i)));
      page.cleanup();
    }
    const info = await doc.getMetadata().catch(() => null);
    const infoTitle = (info?.info as { Title?: unknown } | undefined)?.Title;
    const text = linesToText(pages);
    return ok({ title: typeof infoTitle === 'string' && infoTitle.trim() ? infoTitle.trim() : null, text });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(
      'sop.unreadable_pdf',
      `This PDF could not be read (${reason.slice(0, 120)}).`,
      'Open it in a PDF viewer to check it is not damaged or password-protected, or export it again and re-import.',
    );
  } finally {
    await loading?.destroy();
  }
}
