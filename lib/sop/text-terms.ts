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
function processTerm(term: string): string | null {
  let lower = term.toLowerCase();
  if (lower.includes("'") || lower.includes('’')) lower = lower.replace(/[’']/g, '');
  if (STOP_WORDS.has(lower)) return null;
  if (lower.length < 2) return lower.length === 1 && lower >= '0' && lower <= '9' ? lower : null;
  return stem(lower);
}

/**
 * processTerm remembered per token: text repeats its words (Zipf), so most tokens of an import are seen before and
 * cost one Map lookup instead of lower-casing and stemming. Bounded so a library full of ids and numbers cannot
 * grow it without end; clearing only costs recomputation.
 */
const TERM_CACHE_LIMIT = 100_000;
const termCache = new Map<string, string | null>();

function cachedTerm(token: string): string | null {
  let term = termCache.get(token);
  if (term === undefined) {
    term = processTerm(token);
    if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
    termCache.set(token, term);
  }
  return term;
}

const WORD_CHAR = /[\p{L}\p{N}’']/u;
/** Whether each non-ASCII BMP code unit is part of a word: 0 unknown, 1 yes, 2 no (filled as met). */
const wordCharBmp = new Uint8Array(0x10000);

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Whether the character at `at` (code unit `code`) is part of a word; a surrogate pair is one character. */
function isWordCode(text: string, at: number, code: number): boolean {
  if (code < 0x80) {
    // a-z, A-Z, 0-9, apostrophe
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x27;
  }
  if (isHighSurrogate(code)) return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(at) ?? code));
  const known = wordCharBmp[code];
  if (known) return known === 1;
  const word = WORD_CHAR.test(String.fromCharCode(code));
  wordCharBmp[code] = word ? 1 : 2;
  return word;
}

/**
 * Calls `each` with every token of a text: runs of letters, digits and apostrophes (Unicode-aware). A scan over char
 * codes rather than a Unicode regex split: tokenising is most of an import's time.
 */
function eachToken(text: string, each: (token: string) => void): void {
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    const word = isWordCode(text, i, code);
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      each(text.slice(start, i));
      start = -1;
    }
    i += isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  if (start >= 0) each(text.slice(start));
}

/** Processed terms of a text in order, repeats kept (term frequency matters to BM25): what the index stores. */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  eachToken(text, (token) => {
    const term = cachedTerm(token);
    if (term) terms.push(term);
  });
  return terms;
}

/** Distinct processed terms of a text, in first-seen order. */
export function termsOf(text: string): string[] {
  return [...new Set(indexTerms(text))];
}
