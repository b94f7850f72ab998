type Frame = { kind: 'object'; key: string | null; expectingKey: boolean } | { kind: 'array'; index: number };

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Reads the write_draft tool input as its JSON arrives in pieces and reports the text of each
 * sentence (sentences[i].text) as soon as its characters arrive, decoded. The SDK's own partial
 * parser only yields whole strings, which would show the rep a sentence at a time.
 * It only scans; the finished input is still parsed and validated as a whole.
 */
export class SentenceTextStream {
  private readonly stack: Frame[] = [];
  private inString = false;
  private stringIsKey = false;
  private key = '';
  /** A backslash sequence split across pieces. */
  private escape = '';

  constructor(private readonly onSentenceText: (index: number, text: string) => void) {}

  push(piece: string): void {
    let out = '';
    let outIndex = -1;
    const emit = (text: string) => {
      const index = this.sentenceIndex();
      if (index === null) return;
      if (index !== outIndex && out) {
        this.onSentenceText(outIndex, out);
        out = '';
      }
      outIndex = index;
      out += text;
    };
    for (const ch of piece) {
      if (this.inString) this.readStringChar(ch, emit);
      else this.readStructureChar(ch);
    }
    if (out) this.onSentenceText(outIndex, out);
  }

  private readStringChar(ch: string, emit: (text: string) => void): void {
    const take = (text: string) => (this.stringIsKey ? (this.key += text) : emit(text));
    if (this.escape) {
      this.escape += ch;
      if (this.escape.length === 2 && ch !== 'u') {
        take(SIMPLE_ESCAPES[ch] ?? ch);
        this.escape = '';
      } else if (this.escape.length === 6) {
        take(String.fromCharCode(Number.parseInt(this.escape.slice(2), 16)));
        this.escape = '';
      }
      return;
    }
    if (ch === '\\') this.escape = ch;
    else if (ch === '"') this.closeString();
    else take(ch);
  }

  private closeString(): void {
    this.inString = false;
    const top = this.stack.at(-1);
    if (this.stringIsKey && top?.kind === 'object') top.key = this.key;
  }

  private readStructureChar(ch: string): void {
    const top = this.stack.at(-1);
    switch (ch) {
      case '{':
        this.stack.push({ kind: 'object', key: null, expectingKey: true });
        break;
      case '[':
        this.stack.push({ kind: 'array', index: 0 });
        break;
      case '}':
      case ']':
        this.stack.pop();
        break;
      case ':':
        if (top?.kind === 'object') top.expectingKey = false;
        break;
      case ',':
        if (top?.kind === 'object') Object.assign(top, { key: null, expectingKey: true });
        else if (top?.kind === 'array') top.index += 1;
        break;
      case '"':
        this.inString = true;
        this.stringIsKey = top?.kind === 'object' && top.expectingKey;
        this.key = '';
        break;
    }
  }

  /** The sentence index when the string being read is root.sentences[i].text, else null. */
  private sentenceIndex(): number | null {
    if (this.stringIsKey || this.stack.length !== 3) return null;
    const [root, list, sentence] = this.stack;
    if (root?.kind !== 'object' || root.key !== 'sentences') return null;
    if (list?.kind !== 'array' || sentence?.kind !== 'object' || sentence.key !== 'text') return null;
    return list.index;
  }
}
