/** The first non-blank character of a line, or '' for a blank one. */
const leadingChar = (line: string) => line.trimStart().charAt(0);

/**
 * Normalises Markdown (and plain text, which is treated as Markdown without markup) into the library's
 * Markdown-like form: `#` headings, `- ` list items, paragraphs split by blank lines.
 */
export function normaliseMarkdown(source: string): string {
  const lines = (source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source).split('\n');
  const out: string[] = [];
  // The patterns below run only on lines whose first character could start them: most lines are prose.
  for (let i = 0; i < lines.length; i++) {
    // trimEnd, not a /\s+$/ replace: that regex retries at every space of the line.
    const line = (lines[i] ?? '').trimEnd();
    const next = lines[i + 1] ?? '';
    const nextLead = line ? leadingChar(next) : '';
    // Setext headings ("Title\n=====") become ATX headings so the chunker sees one form.
    if (nextLead === '=' && /^\s*=+\s*$/.test(next)) {
      out.push(`# ${line.trim()}`);
      i++;
    } else if (nextLead === '-' && /^\s*-{2,}\s*$/.test(next) && !/^\s*[-*+]\s/.test(line)) {
      out.push(`## ${line.trim()}`);
      i++;
    } else {
      const lead = leadingChar(line);
      const listed = lead === '*' || lead === '+' ? line.replace(/^(\s*)[*+]\s+/, '$1- ') : line;
      out.push(listed.startsWith('#') ? listed.replace(/^(#{1,6})([^#\s])/, '$1 $2') : listed);
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** The first level-one heading's text, if any. */
export function firstHeading(markdown: string): string | null {
  const match = /^#\s+(.+)$/m.exec(markdown);
  return match?.[1]?.trim() ?? null;
}
