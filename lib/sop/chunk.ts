import type { Passage } from '@/lib/schemas/sop';
import { isTemplatePassage } from './reply-templates';

/** Passages stay under this many characters, so a quote fits the panel and BM25 length norms stay comparable. */
export const MAX_PASSAGE_CHARS = 1200;
/** Pieces shorter than this are merged into their neighbour when they share a top-level heading. */
export const MIN_PASSAGE_CHARS = 200;

export interface ChunkSource {
  sopId: string;
  sopVersion: number;
  sopTitle: string;
  lanes: string[];
  /** Markdown-like text from the parsers. */
  text: string;
}

interface Section {
  headingPath: string[];
  body: string;
  tags: string[];
}

/** `Tags: damaged_order, replacement` as the first line under a heading: what that section (and its subsections) answers. */
const TAGS_LINE = /^\s*(?:tags|categories)\s*:\s*(.+)$/i;
const TAG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function tagsOfLine(line: string): string[] | null {
  const match = TAGS_LINE.exec(line);
  if (!match) return null;
  return [...new Set((match[1] ?? '').split(/[,;]/).map((t) => t.trim().toLowerCase().replace(/[`"']/g, '')).filter((t) => TAG.test(t)))];
}

function sectionsOf(text: string): Section[] {
  const sections: Section[] = [];
  const path: string[] = [];
  /** Own tags per heading level; a section without its own inherits the nearest ancestor's. */
  const tagsByLevel: Array<string[] | null> = [];
  let body: string[] = [];
  let awaitingTags = false;
  const currentTags = () => [...tagsByLevel].reverse().find((t) => t !== null && t !== undefined) ?? [];
  const close = () => {
    const joined = body.join('\n').replace(/\n{3,}/g, '\n\n').trim();
    if (joined) sections.push({ headingPath: [...path], body: joined, tags: currentTags() });
    body = [];
  };
  for (const line of text.split('\n')) {
    const heading = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      close();
      const level = (heading[1] ?? '#').length;
      path.length = Math.min(path.length, level - 1);
      tagsByLevel.length = path.length;
      path.push((heading[2] ?? '').trim());
      tagsByLevel.push(null);
      awaitingTags = true;
      continue;
    }
    if (awaitingTags && line.trim() === '') continue;
    const tags = awaitingTags ? tagsOfLine(line) : null;
    awaitingTags = false;
    if (tags) tagsByLevel[tagsByLevel.length - 1] = tags;
    else body.push(line);
  }
  close();
  return sections;
}

/** Splits text that is too long at the largest boundary that works: paragraphs, then sentences, then words. */
function splitToFit(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const separators: Array<[RegExp, string]> = [
    [/\n\s*\n/, '\n\n'],
    [/\n/, '\n'],
    [/(?<=[.!?;:])\s+/, ' '],
    [/\s+/, ' '],
  ];
  for (const [pattern, glue] of separators) {
    const parts = text.split(pattern).filter((p) => p.trim());
    if (parts.length < 2) continue;
    const out: string[] = [];
    let current = '';
    for (const part of parts) {
      if (current && current.length + glue.length + part.length > max) {
        out.push(current);
        current = '';
      }
      if (part.length > max) out.push(...splitToFit(part, max));
      else current = current ? current + glue + part : part;
    }
    if (current) out.push(current);
    return out;
  }
  // One unbroken run of characters: cut it.
  const out: string[] = [];
  for (let i = 0; i < text.length; i += max) out.push(text.slice(i, i + max));
  return out;
}

const commonPrefix = (a: string[], b: string[]) => {
  const out: string[] = [];
  for (let i = 0; i < Math.min(a.length, b.length) && a[i] === b[i]; i++) out.push(a[i] as string);
  return out;
};

/**
 * Joins two neighbouring pieces under the same top-level heading, or null when they have none in common. The joined
 * passage takes the heading path of the longer piece; the other piece's own headings stay in the text as a label.
 */
function joinPieces(first: Section, second: Section): Section | null {
  const shared = commonPrefix(first.headingPath, second.headingPath);
  if (shared.length === 0 && (first.headingPath.length > 0 || second.headingPath.length > 0)) return null;
  const label = (section: Section) => {
    const own = section.headingPath.slice(shared.length);
    return own.length > 0 ? `${own.join(' / ')}:\n` : '';
  };
  if (first.headingPath.length === second.headingPath.length && shared.length === first.headingPath.length) {
    return { headingPath: first.headingPath, body: `${first.body}\n\n${second.body}`, tags: first.tags };
  }
  const tags = [...new Set([...first.tags, ...second.tags])];
  return first.body.length >= second.body.length
    ? { headingPath: first.headingPath, body: `${first.body}\n\n${label(second)}${second.body}`, tags }
    : { headingPath: second.headingPath, body: `${label(first)}${first.body}\n\n${second.body}`, tags };
}

/**
 * Cuts an SOP into passages at its headings. Each passage keeps its heading path; long sections are split at
 * paragraph, then sentence boundaries; tiny pieces join the previous passage under the same top heading (with
 * their own heading kept as a line) so a one-line section still has context. Ids are `${sopId}@${version}#${n}`.
 */
export function chunkSop(source: ChunkSource, max = MAX_PASSAGE_CHARS, min = MIN_PASSAGE_CHARS): Passage[] {
  const pieces: Section[] = [];
  for (const section of sectionsOf(source.text)) {
    for (const part of splitToFit(section.body, max)) pieces.push({ headingPath: section.headingPath, body: part.trim(), tags: section.tags });
  }

  const merged: Section[] = [];
  for (const piece of pieces) {
    const previous = merged[merged.length - 1];
    const combined = previous ? joinPieces(previous, piece) : null;
    const small = piece.body.length < min || (previous !== undefined && previous.body.length < min);
    // A reply template stays a passage of its own: the draft fills it line by line and cites it whole.
    const template = isTemplatePassage(piece) || (previous !== undefined && isTemplatePassage(previous));
    if (previous && combined && small && !template && combined.body.length <= max) merged[merged.length - 1] = combined;
    else merged.push({ ...piece });
  }

  return merged.map((section, n) => ({
    id: `${source.sopId}@${source.sopVersion}#${n}`,
    sopId: source.sopId,
    sopVersion: source.sopVersion,
    sopTitle: source.sopTitle,
    headingPath: section.headingPath,
    text: section.body,
    lanes: [...source.lanes],
    tags: section.tags,
  }));
}
