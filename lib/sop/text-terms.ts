/**
 * Term processing shared by indexing and querying: lower-case words, English stop words dropped,
 * and a light suffix stemmer (plural, -ing, -ed, -ly...) so "refunds"/"refunded"/"refunding" meet.
 * Deliberately small: a full Porter stemmer buys little recall on short support passages.
 */

const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves hi hello thanks thank please dear regards also get got im ive dont cant ' +
    'us let lets may might must shall one would like ' +
    // Email pleasantries: frequent in the messages we search with, meaningless for choosing a procedure.
    'best wishes cheers kind great happy hope well know want reach reaching behalf interested quick just good team'
  ).split(' '),
);

const VOWEL = /[aeiouy]/;
const HAS_DIGIT = /\d/;
const SEPARATORS = /[^\p{L}\p{N}’']+/u;

/** Strips common English inflections; keeps at least a three-letter stem with a vowel. */
export function stem(word: string): string {
  if (word.length <= 3 || HAS_DIGIT.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|us|is)$/.test(w)) {
    // "address", "status", "analysis": not plurals
  } else if (/(ches|shes|sses|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s')) w = w.slice(0, -1);

  for (const suffix of ['ingly', 'edly', 'ing', 'ed', 'ly', 'ment']) {
    if (w.endsWith(suffix)) {
      const base = w.slice(0, -suffix.length);
      if (base.length >= 3 && VOWEL.test(base)) {
        w = base;
        // "shipp" -> "ship", "stopp" -> "stop"; but keep "ll", "ss", "zz" ("bill", "pass")
        if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
        break;
      }
    }
  }
  // "move", "moved", "moving" all end as "mov".
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** One index or query term, or null when it carries no meaning for retrieval. */
export function processTerm(term: string): string | null {
  let lower = term.toLowerCase();
  if (lower.includes("'") || lower.includes('’')) lower = lower.replace(/[’']/g, '');
  if (STOP_WORDS.has(lower)) return null;
  if (lower.length < 2) return lower.length === 1 && lower >= '0' && lower <= '9' ? lower : null;
  return stem(lower);
}

/** Splits on anything that is not a letter or a digit (Unicode-aware). */
export function tokenize(text: string): string[] {
  return text.split(SEPARATORS).filter((t) => t.length > 0);
}

/** Distinct processed terms of a text, in first-seen order. */
export function termsOf(text: string): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) seen.add(term);
  }
  return [...seen];
}
