// Plain text out of Gmail's DOM without layout: works in a content script, jsdom and happy-dom alike.
// Only text nodes and attribute values are read; markup is never turned back into HTML.
// Text a reader of the mail cannot see is left out: mail can hide words from the rep (preheaders, or text meant
// for a machine), so what the product reads is what the rep sees. Only inline styles and attributes are judged,
// the same way in every DOM; styles from a <style> block are not (see isHiddenElement).

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
/** Tags whose bgcolor attribute paints a background (old HTML mail still uses it). */
const BGCOLOR_TAGS = new Set(['BODY', 'TABLE', 'TR', 'TD', 'TH']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** An element hides what it holds when shown below these, in CSS pixels. */
const OFF_SCREEN_PX = -500;
const TINY_FONT_PX = 2;
const TINY_BOX_PX = 1;
const FAINT_OPACITY = 0.1;
/** Colour channels closer than this (0–255) read as the same colour: #fefefe on white is not meant to be read. */
const SAME_COLOUR_CHANNEL_DIFF = 12;
/** Gmail shows a message on white; a body that sets no background is read as white. */
const WHITE: Rgba = [255, 255, 255, 1];

/** Collapses every run of whitespace (no-break spaces included) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/**
 * The text of an element with line breaks where blocks and <br> are, one trimmed line each, empty lines dropped.
 * Elements matching `skip` (and everything in them) are left out, and so is text hidden from a reader; emoji
 * images count as their character.
 */
export function textLines(root: Element, skip?: string): string {
  const parts: string[] = [];
  walk(root, skip, { parts, hidden: new Set() }, ROOT_STATE, true);
  return joinLines(parts);
}

/** The text of an element on one line, whitespace collapsed (the form Gmail bodies are compared in). */
export function flatText(root: Element, skip?: string): string {
  return collapseWhitespace(textLines(root, skip).replace(/\n/g, ' '));
}

/**
 * How many pieces of text inside the element are hidden from a reader (each element that starts the hiding and
 * holds visible characters counts once). Elements matching `skip` are not looked at.
 */
export function countHiddenText(root: Element, skip?: string): number {
  const sink = { parts: [] as string[], hidden: new Set<Element>() };
  walk(root, skip, sink, ROOT_STATE, true);
  return sink.hidden.size;
}

// ── Walking ────────────────────────────────────────────────────────────────────────────────────

type Rgba = [number, number, number, number];

/** What an element passes down to its children: the hiding that descendants can undo, and the colours. */
interface Inherited {
  /** The element whose visibility:hidden applies, unless a descendant sets visibility:visible. */
  invisibleFrom: Element | null;
  /** The element whose near-zero font size applies, unless a descendant sets a readable absolute size. */
  tinyFontFrom: Element | null;
  color: Rgba | null;
  colorFrom: Element | null;
  background: Rgba;
}

const ROOT_STATE: Inherited = { invisibleFrom: null, tinyFontFrom: null, color: null, colorFrom: null, background: WHITE };

interface Sink {
  parts: string[];
  /** The elements that start a hiding and hold text: the count countHiddenText reports. */
  hidden: Set<Element>;
}

function walk(node: Node, skip: string | undefined, sink: Sink, state: Inherited, isRoot: boolean): void {
  if (node.nodeType === TEXT_NODE) {
    const text = node.nodeValue ?? '';
    const hiddenBy = hiddenByInherited(state);
    if (hiddenBy !== null) {
      if (text.trim() !== '') sink.hidden.add(hiddenBy);
      return;
    }
    sink.parts.push(text.replace(/[\s\u00a0\u202f]+/g, ' '));
    return;
  }
  if (node.nodeType !== ELEMENT_NODE) return;
  const element = node as Element;
  if (!isRoot && skip !== undefined && element.matches(skip)) return;
  if (INVISIBLE_TAGS.has(element.tagName)) return;
  const style = inlineStyle(element);
  if (isHiddenElement(element, style)) {
    if (holdsText(element)) sink.hidden.add(element);
    return;
  }
  const next = inherit(element, style, state);
  if (element.tagName === 'BR') {
    sink.parts.push('\n');
    return;
  }
  if (element.matches(EMOJI_IMAGE)) {
    const hiddenBy = hiddenByInherited(next);
    if (hiddenBy !== null) sink.hidden.add(hiddenBy);
    else sink.parts.push(element.getAttribute(ATTR_EMOJI) ?? element.getAttribute('alt') ?? '');
    return;
  }
  const block = BLOCK_TAGS.has(element.tagName);
  if (block) sink.parts.push('\n');
  if (CELL_TAGS.has(element.tagName)) sink.parts.push(' ');
  for (const child of Array.from(element.childNodes)) walk(child, skip, sink, next, false);
  if (block) sink.parts.push('\n');
}

function joinLines(parts: string[]): string {
  return parts
    .join('')
    .split('\n')
    .map(collapseWhitespace)
    .filter((line) => line !== '')
    .join('\n');
}

function holdsText(element: Element): boolean {
  return (element.textContent ?? '').trim() !== '' || element.querySelector(EMOJI_IMAGE) !== null;
}

/** Why text under this state is invisible: the element that hid it, or null when it can be seen. */
function hiddenByInherited(state: Inherited): Element | null {
  if (state.invisibleFrom !== null) return state.invisibleFrom;
  if (state.tinyFontFrom !== null) return state.tinyFontFrom;
  if (state.color !== null && state.colorFrom !== null && (state.color[3] < FAINT_OPACITY || sameColour(state.color, state.background))) {
    return state.colorFrom;
  }
  return null;
}

/**
 * Hiding no descendant can undo: display:none, the hidden attribute, (almost) no opacity, a box of no size that
 * clips what overflows, a position or indent far off-screen, clipped away, or scaled to nothing.
 */
function isHiddenElement(element: Element, style: ReadonlyMap<string, string>): boolean {
  if (element.hasAttribute('hidden')) return true;
  if (style.get('display') === 'none') return true;
  const opacity = Number.parseFloat(style.get('opacity') ?? '');
  if (Number.isFinite(opacity) && opacity < FAINT_OPACITY) return true;
  if (clipsOverflow(style) && ['height', 'max-height', 'width', 'max-width'].some((prop) => isAtMost(style.get(prop), TINY_BOX_PX))) return true;
  const position = style.get('position');
  if (position === 'absolute' || position === 'fixed' || position === 'relative') {
    if (['left', 'top', 'right', 'bottom'].some((prop) => isAtMost(style.get(prop), OFF_SCREEN_PX))) return true;
  }
  if (['text-indent', 'margin-left', 'margin-top'].some((prop) => isAtMost(style.get(prop), OFF_SCREEN_PX))) return true;
  const clip = style.get('clip')?.replace(/\s+/g, '');
  if (clip !== undefined && /^rect\(0(px)?,?0(px)?,?0(px)?,?0(px)?\)$/.test(clip)) return true;
  if (/^inset\((50|100)%\)$/.test(style.get('clip-path')?.replace(/\s+/g, '') ?? '')) return true;
  if (/\bscale[xy]?\(\s*0(\.0+)?\s*[,)]/.test(style.get('transform') ?? '')) return true;
  return false;
}

function clipsOverflow(style: ReadonlyMap<string, string>): boolean {
  return ['overflow', 'overflow-x', 'overflow-y'].some((prop) => {
    const value = style.get(prop);
    return value !== undefined && /\b(hidden|clip)\b/.test(value);
  });
}

/** What this element passes to its children: visibility, font size and colours set here override the parent's. */
function inherit(element: Element, style: ReadonlyMap<string, string>, parent: Inherited): Inherited {
  const next = { ...parent };
  const visibility = style.get('visibility');
  if (visibility === 'hidden' || visibility === 'collapse') next.invisibleFrom = element;
  else if (visibility === 'visible') next.invisibleFrom = null;

  const fontSize = style.get('font-size');
  if (fontSize !== undefined) {
    const px = lengthPx(fontSize);
    if (px !== null && px < TINY_FONT_PX) next.tinyFontFrom = element;
    // A readable absolute size shows the text again (mail often sets font-size:0 on a cell to drop gaps).
    else if (px !== null) next.tinyFontFrom = null;
  }

  const color = parseColour(style.get('color') ?? (element.tagName === 'FONT' ? element.getAttribute('color') : null) ?? undefined);
  if (color !== null) {
    next.color = color;
    next.colorFrom = element;
  }
  const backgroundText = style.get('background-color') ?? backgroundColourOf(style.get('background')) ?? (BGCOLOR_TAGS.has(element.tagName) ? element.getAttribute('bgcolor') ?? undefined : undefined);
  const background = parseColour(backgroundText);
  // A see-through background shows the one behind it.
  if (background !== null && background[3] >= 0.5) {
    next.background = background;
    // Text coloured earlier is now judged against this background: the element that painted it is the one to blame.
    if (next.color !== null && sameColour(next.color, background)) next.colorFrom = element;
  }
  return next;
}

// ── Reading inline styles ──────────────────────────────────────────────────────────────────────

/** The element's style attribute as written, property → value (lower case, !important dropped). */
function inlineStyle(element: Element): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  const text = element.getAttribute('style');
  if (text === null || text === '') return map;
  for (const declaration of text.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration
      .slice(colon + 1)
      .replace(/!\s*important/i, '')
      .trim()
      .toLowerCase();
    if (property !== '' && value !== '') map.set(property, value);
  }
  return map;
}

/** A length in CSS pixels, or null when it is relative to something unknown here (%, vw) or not a length. */
function lengthPx(value: string): number | null {
  const match = /^(-?\d*\.?\d+)\s*(px|pt|em|rem|ex|ch|pc|in|cm|mm|q)?$/.exec(value.trim());
  if (match === null) return null;
  const n = Number.parseFloat(match[1] ?? '');
  const unit = match[2] ?? 'px';
  // Unitless is only valid for 0, but mail clients accept any number as pixels.
  const perUnit: Record<string, number> = { px: 1, pt: 4 / 3, em: 16, rem: 16, ex: 8, ch: 8, pc: 16, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, q: 96 / 101.6 };
  return n * (perUnit[unit] ?? 1);
}

function isAtMost(value: string | undefined, px: number): boolean {
  if (value === undefined) return false;
  const length = lengthPx(value);
  return length !== null && length <= px;
}

/** The colour token of a `background` shorthand, if it has one. */
function backgroundColourOf(shorthand: string | undefined): string | undefined {
  if (shorthand === undefined) return undefined;
  const functional = /(rgba?|hsla?)\([^)]*\)/.exec(shorthand);
  if (functional !== null) return functional[0];
  return shorthand.split(/\s+/).find((token) => parseColour(token) !== null);
}

/** Named colours mail uses for hiding or for backgrounds: the CSS basics and the near-whites. */
const NAMED: Readonly<Record<string, Rgba>> = {
  white: [255, 255, 255, 1], black: [0, 0, 0, 1], silver: [192, 192, 192, 1], gray: [128, 128, 128, 1], grey: [128, 128, 128, 1],
  red: [255, 0, 0, 1], maroon: [128, 0, 0, 1], yellow: [255, 255, 0, 1], olive: [128, 128, 0, 1], lime: [0, 255, 0, 1],
  green: [0, 128, 0, 1], aqua: [0, 255, 255, 1], cyan: [0, 255, 255, 1], teal: [0, 128, 128, 1], blue: [0, 0, 255, 1],
  navy: [0, 0, 128, 1], fuchsia: [255, 0, 255, 1], magenta: [255, 0, 255, 1], purple: [128, 0, 128, 1], orange: [255, 165, 0, 1],
  whitesmoke: [245, 245, 245, 1], snow: [255, 250, 250, 1], ghostwhite: [248, 248, 255, 1], ivory: [255, 255, 240, 1],
  floralwhite: [255, 250, 240, 1], seashell: [255, 245, 238, 1], mintcream: [245, 255, 250, 1], azure: [240, 255, 255, 1],
  aliceblue: [240, 248, 255, 1], honeydew: [240, 255, 240, 1], linen: [250, 240, 230, 1], oldlace: [253, 245, 230, 1],
  transparent: [0, 0, 0, 0],
};

/** #rgb, #rgba, #rrggbb, #rrggbbaa, rgb()/rgba() and the names above; null for anything else (inherit, currentColor, hsl...). */
function parseColour(value: string | null | undefined): Rgba | null {
  if (value === null || value === undefined) return null;
  const text = value.trim().toLowerCase();
  const named = NAMED[text];
  if (named !== undefined) return named;
  const hex = /^#?([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(text);
  if (hex !== null && (text.startsWith('#') || text.length === 6)) {
    let digits = hex[1] ?? '';
    if (digits.length <= 4) digits = [...digits].map((d) => d + d).join('');
    const channel = (i: number) => Number.parseInt(digits.slice(i * 2, i * 2 + 2), 16);
    return [channel(0), channel(1), channel(2), digits.length === 8 ? channel(3) / 255 : 1];
  }
  const rgb = /^rgba?\(\s*([\d.]+%?)[\s,]+([\d.]+%?)[\s,]+([\d.]+%?)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(text);
  if (rgb !== null) {
    const channel = (part: string | undefined) => (part?.endsWith('%') ? (Number.parseFloat(part) * 255) / 100 : Number.parseFloat(part ?? '0'));
    const alphaText = rgb[4];
    const alpha = alphaText === undefined ? 1 : alphaText.endsWith('%') ? Number.parseFloat(alphaText) / 100 : Number.parseFloat(alphaText);
    return [channel(rgb[1]), channel(rgb[2]), channel(rgb[3]), alpha];
  }
  return null;
}

function sameColour(a: Rgba, b: Rgba): boolean {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2])) <= SAME_COLOUR_CHANNEL_DIFF;
}
