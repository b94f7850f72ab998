/** Splits text into sentences; "9. Februar" or "3. Mai" (a day number) does not end one. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  const boundary = /[.!?]+(?=\s)|\n+/g;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m.index + m[0].length;
    const lastToken = text.slice(start, end).trim().split(/\s+/).pop() ?? '';
    if (/^\d{1,2}\.$/.test(lastToken)) continue;
    const sentence = text.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

const GREETING = /^(hi|hello|hey|dear|good (morning|afternoon|evening)|guten (tag|morgen|abend)|hallo|liebe[rs]?|sehr geehrte[rs]?|bonjour|hola|buenos d[ií]as|goedemorgen|beste|ciao|buongiorno|ol[aá]|bom dia)\b[^,.!?\n]{0,40}[,!.]?\s*/i;
const SIGN_OFF = /^(thanks|thank you|many thanks|best|regards|kind regards|best regards|cheers|mit freundlichen gr(ü|ue)(ß|ss)en|viele gr(ü|ue)(ß|ss)e|danke|vielen dank|merci|gracias|cordialement|saludos|met vriendelijke groet)\b/i;

/** A sentence without its leading greeting ("Hi Dana, ..."); empty when it was only a greeting or a sign-off. */
export function withoutPleasantries(sentence: string): string {
  const stripped = sentence.replace(GREETING, '').trim();
  if (SIGN_OFF.test(stripped) && stripped.split(/\s+/).length <= 6) return '';
  return stripped;
}
