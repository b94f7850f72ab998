// Plain text out of Gmail's DOM without layout: works in a content script, jsdom and happy-dom alike.
// Only text nodes and attribute values are read; markup is never turned back into HTML.

import { ATTR_EMOJI, EMOJI_IMAGE } from './selectors';

/** Elements that start a new line, as a browser renders them by default. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV',
  'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL',
]);
/** Table cells sit side by side: a space between them, not a line. */
const CELL_TAGS = new Set(['TD', 'TH']);
/** Never text a reader sees. */
const INVISIBLE_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'HEAD', 'TITLE']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Collapses every run of whitespace (no-break spaces included) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/**
 * The text of an element with line breaks where blocks and <br> are, one trimmed line each, empty lines dropped.
 * Elements matching `skip` (and everything in them) are left out; emoji images count as their character.
 */
export function textLines(root: Element, skip?: string): string {
  const parts: string[] = [];
  walk(root, skip, parts, true);
  return parts
    .join('')
    .split('\n')
    .map(collapseWhitespace)
    .filter((line) => line !== '')
    .join('\n');
}

/** The text of an element on one line, whitespace collapsed (the form Gmail bodies are compared in). */
export function flatText(root: Element, skip?: string): string {
  return collapseWhitespace(textLines(root, skip).replace(/\n/g, ' '));
}

function walk(node: Node, skip: string | undefined, parts: string[], isRoot: boolean): void {
  if (node.nodeType === TEXT_NODE) {
    parts.push((node.nodeValue ?? '').replace(/[\s\u00a0\u202f]+/g, ' '));
    return;
  }
  if (node.nodeType !== ELEMENT_NODE) return;
  const element = node as Element;
  if (!isRoot && skip !== undefined && element.matches(skip)) return;
  if (INVISIBLE_TAGS.has(element.tagName) || isHiddenInline(element)) return;
  if (element.tagName === 'BR') {
    parts.push('\n');
    return;
  }
  if (element.matches(EMOJI_IMAGE)) {
    parts.push(element.getAttribute(ATTR_EMOJI) ?? element.getAttribute('alt') ?? '');
    return;
  }
  const block = BLOCK_TAGS.has(element.tagName);
  if (block) parts.push('\n');
  if (CELL_TAGS.has(element.tagName)) parts.push(' ');
  for (const child of Array.from(element.childNodes)) walk(child, skip, parts, false);
  if (block) parts.push('\n');
}

/** Mail often carries invisible "preheader" text hidden with an inline style: a reader never sees it. */
function isHiddenInline(element: Element): boolean {
  const style = (element as HTMLElement).style as CSSStyleDeclaration | undefined;
  return style?.display === 'none';
}
