import { diffWordsWithSpace, type Change } from 'diff';

/** Whitespace differences (Gmail's line breaks, trailing spaces) are not edits. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Word diff of the rep's text against the generated one, for the "Show changes" view. */
export function wordDiff(generated: string, edited: string): Change[] {
  return diffWordsWithSpace(generated, edited);
}

/**
 * How much of a text was changed: changed characters (added plus removed) over the longer text,
 * capped at 1. 0 means sent exactly as inserted: the "accepted without edit" KPI.
 */
export function editRatio(before: string, after: string): number {
  const a = squash(before);
  const b = squash(after);
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 0;
  const changed = diffWordsWithSpace(a, b).reduce((n, part) => n + (part.added || part.removed ? part.value.length : 0), 0);
  return Math.min(1, changed / longest);
}
