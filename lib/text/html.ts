/**
 * HTML to the library's Markdown-like text: headings become `#` lines, list items `- ` lines, blocks become
 * paragraphs. Uses DOMParser when the context has one (the options page): its documents are inert, nothing runs
 * and nothing reaches a live page. Service workers and Node have no DOMParser, so a small tag-aware tokenizer
 * drives the same writer there. Neither path ever assigns HTML to a live document.
 */

const SKIPPED = new Set(['script', 'style', 'head', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'canvas', 'select', 'button']);
const PARAGRAPHS = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'blockquote', 'pre', 'table', 'ul', 'ol', 'dl', 'figure', 'form', 'fieldset', 'address', 'details', 'summary']);
const LINES = new Set(['br', 'tr', 'dt', 'dd', 'hr', 'caption', 'figcaption']);
const CELLS = new Set(['td', 'th']);
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'area', 'base', 'col', 'embed', 'source', 'track', 'wbr']);

/** Accumulates text and block boundaries into Markdown-like lines. */
class MarkdownLineWriter {
  private readonly lines: string[] = [];
  private current = '';
  private prefix = '';

  private flush(): void {
    // Only runs of whitespace and lone non-space whitespace change: single spaces, most of the text, are left alone.
    const text = this.current.replace(/\s\s+|[^\S ]/g, ' ').trim();
    if (text) this.lines.push(this.prefix + text);
    this.current = '';
    this.prefix = '';
  }

  private paragraph(): void {
    this.flush();
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  open(tag: string): void {
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      this.paragraph();
      this.prefix = `${'#'.repeat(Number(heading[1]))} `;
    } else if (tag === 'li') {
      this.flush();
      this.prefix = '- ';
    } else if (PARAGRAPHS.has(tag)) this.paragraph();
    else if (LINES.has(tag)) this.flush();
    else if (CELLS.has(tag)) this.current += ' ';
  }

  close(tag: string): void {
    if (/^h[1-6]$/.test(tag) || PARAGRAPHS.has(tag)) this.paragraph();
    else if (tag === 'li' || LINES.has(tag)) this.flush();
    else if (CELLS.has(tag)) this.current += ' ';
  }

  text(value: string): void {
    this.current += value;
  }

  result(): string {
    this.flush();
    return this.lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  }
}

export interface HtmlText {
  title: string | null;
  text: string;
}

function titleFromText(text: string): string | null {
  return /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? null;
}

function fromDom(html: string, Parser: typeof DOMParser): HtmlText {
  const doc = new Parser().parseFromString(html, 'text/html');
  const writer = new MarkdownLineWriter();
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      writer.text(node.nodeValue ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName.toLowerCase();
    if (SKIPPED.has(tag)) return;
    writer.open(tag);
    node.childNodes.forEach(walk);
    writer.close(tag);
  };
  if (doc.body) walk(doc.body);
  const text = writer.result();
  // Document.title: the title element's text, whitespace collapsed as the tokenizer path does.
  const title = doc.title.trim() || titleFromText(text);
  return { title: title || null, text };
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', hellip: '…',
  rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', euro: '€', pound: '£', copy: '©', reg: '®', trade: '™',
  eacute: 'é', egrave: 'è', agrave: 'à', uuml: 'ü', ouml: 'ö', auml: 'ä', szlig: 'ß', deg: '°', times: '×', middot: '·', bull: '•',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

// A comment, a tag (attributes may hold quoted '>'), or a declaration / processing instruction.
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>|<![^>]*>|<\?[^>]*>/g;

/** Index of the next `</tag`, case-insensitive, or -1 (a regex, because lower-casing can shift offsets). */
function closeTagAt(html: string, tag: string, from: number): number {
  const close = new RegExp(`</${tag}`, 'gi');
  close.lastIndex = from;
  return close.exec(html)?.index ?? -1;
}

function fromTokens(html: string): HtmlText {
  const writer = new MarkdownLineWriter();
  let title: string | null = null;
  let at = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(html); match; match = TOKEN.exec(html)) {
    writer.text(decodeEntities(html.slice(at, match.index)));
    at = TOKEN.lastIndex;
    const tag = match[2]?.toLowerCase();
    if (!tag) continue;
    const closing = match[1] === '/';
    if (!closing && SKIPPED.has(tag) && !VOID.has(tag)) {
      // Raw or hidden content: jump to the matching close tag (head holds <title>, read it on the way).
      const end = closeTagAt(html, tag, at);
      const inner = html.slice(at, end === -1 ? html.length : end);
      if (tag === 'head') title ??= /<title[^>]*>([\s\S]*?)<\/title/i.exec(inner)?.[1] ?? null;
      at = end === -1 ? html.length : html.indexOf('>', end) + 1 || html.length;
      TOKEN.lastIndex = at;
      continue;
    }
    if (tag === 'title' && !closing) {
      const end = closeTagAt(html, 'title', at);
      title ??= html.slice(at, end === -1 ? html.length : end);
      at = end === -1 ? html.length : html.indexOf('>', end) + 1 || html.length;
      TOKEN.lastIndex = at;
      continue;
    }
    if (closing) writer.close(tag);
    else {
      writer.open(tag);
      if (VOID.has(tag) || match[3]?.trim().endsWith('/')) writer.close(tag);
    }
  }
  writer.text(decodeEntities(html.slice(at)));
  const text = writer.result();
  const cleanTitle = title ? decodeEntities(title).replace(/\s+/g, ' ').trim() : '';
  return { title: cleanTitle || titleFromText(text), text };
}

/** Text and title of an HTML document, with DOMParser when present, else the tokenizer. */
export function htmlToText(html: string, options: { useDomParser?: boolean } = {}): HtmlText {
  const Parser = globalThis.DOMParser;
  if (options.useDomParser !== false && typeof Parser === 'function') return fromDom(html, Parser);
  return fromTokens(html);
}
