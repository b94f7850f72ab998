/** Sentences as exact spans of a text, so each can be quoted as evidence or cited. */

// "9. Februar" or "am 3. Mai" (a day number before a month) does not end a sentence; "by March 28. Our budget" does.
const MONTH_AFTER_DAY = /^\s+(?:jan|feb|mär|maerz|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)/i;

// "e.g.", "approx.", "Mr.", "z.B." do not end a sentence; "no.", "art.", "ref." do not when a number follows
// ("order no. 4411", "art. SH-210"), but "the answer is no. Thanks" ends one.
const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|approx|ca|mr|mrs|ms|dr|vs|incl|excl|z\.\s?b|bzw|ggf|inkl|evtl|vgl|bspw)\.$/i;
const NUMBER_LABEL = /(?:^|[\s(])(?:no|nr|art|ref|tel|fig)\.$/i;
const LABELLED_NUMBER = /^\s+#?[\p{L}-]*\d/u;
const DAY_NUMBER = /(?:^|\s)\d{1,2}\.$/;
// Longer than any abbreviation above with the space before it, so "^" only matches at the start of a span.
const LOOK_BACK = 12;
const LOOK_AHEAD = 32;

/** Sentences and lines, trimmed; each is a verbatim slice of the text. */
export function sentenceSpans(text: string): string[] {
  const spans: string[] = [];
  let start = 0;
  const boundary = /[.!?]+(?=\s)|\n+/g;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m.index + m[0].length;
    // Only the words either side of the boundary decide, so the checks stay short on a long message.
    const before = text.slice(Math.max(start, end - LOOK_BACK), end);
    const after = text.slice(end, end + LOOK_AHEAD);
    if ((DAY_NUMBER.test(before) && MONTH_AFTER_DAY.test(after)) || ABBREVIATION.test(before) || (NUMBER_LABEL.test(before) && LABELLED_NUMBER.test(after))) continue;
    const span = text.slice(start, end).trim();
    if (span) spans.push(span);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) spans.push(rest);
  return spans;
}

const LIST_MARKER = /^\s*(?:[-*•]|\d+[.)])\s+/;

/** A list item's text without its bullet or number ("- ", "2) "). */
export const withoutListMarker = (line: string): string => line.replace(LIST_MARKER, '');

/**
 * Sentences of a procedure, with a list joined to the line that leads into it ("Within 2 business days, collect:"
 * and its items become one statement), so no item reads on its own as a fragment ("the customer's onboarding lead;").
 * A list of such lower-case items right under a heading is led in by the heading. Items lose their markers; every
 * other sentence is the span sentenceSpans gives.
 */
export function statementSpans(text: string, heading?: string): string[] {
  const out: string[] = [];
  let leadIn: string[] | null = null;
  const flush = () => {
    if (leadIn && leadIn.length > 1) out.push(leadIn.join(' ').replace(/[;,]$/, '.'));
    else if (leadIn) out.push(leadIn[0]!);
    leadIn = null;
  };
  for (const span of sentenceSpans(text)) {
    const item = LIST_MARKER.test(span) ? withoutListMarker(span) : null;
    if (item !== null && !leadIn && heading && /^\p{Ll}/u.test(item)) leadIn = [`${heading}:`];
    if (item !== null && leadIn) {
      leadIn.push(item);
      continue;
    }
    flush();
    if (span.endsWith(':')) leadIn = [span];
    else out.push(span);
  }
  flush();
  return out;
}

const GREETING = /^(hi|hello|hey|dear|good (morning|afternoon|evening)|guten (tag|morgen|abend)|hallo|liebe[rs]?|sehr geehrte[rs]?|bonjour|hola|buenos d[ií]as|goedemorgen|beste|ciao|buongiorno|ol[aá]|bom dia)\b[^,.!?\n]{0,40}[,!.]?\s*/i;
const SIGN_OFF = /^(thanks|thank you|many thanks|best|regards|kind regards|best regards|cheers|mit freundlichen gr(ü|ue)(ß|ss)en|viele gr(ü|ue)(ß|ss)e|danke|vielen dank|merci|gracias|cordialement|saludos|met vriendelijke groet)\b/i;

/** A sentence without its leading greeting ("Hi Dana, ..."); empty when it was only a greeting or a sign-off. */
export function withoutPleasantries(sentence: string): string {
  const stripped = sentence.replace(GREETING, '').trim();
  if (SIGN_OFF.test(stripped) && stripped.split(/\s+/).length <= 6) return '';
  return stripped;
}

/** "Action items: Dana sends…", "Summary of today: the pilot starts…": the clause without the label before it. */
export function withoutLabel(clause: string): string {
  return clause.replace(/^[\p{L} -]{2,30}:\s+/u, '');
}

/** At most `max` characters and an ellipsis, cut at a word boundary, never inside a word. */
export const clipAtWord = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, '')}…`);
