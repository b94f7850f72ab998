import { describe, expect, it } from 'vitest';
import { SentenceTextStream } from '@/lib/engine/claude/sentence-stream';

function collect(pieces: string[]): { texts: string[]; calls: number } {
  const texts: string[] = [];
  let calls = 0;
  const stream = new SentenceTextStream((index, text) => {
    calls += 1;
    texts[index] = (texts[index] ?? '') + text;
  });
  for (const piece of pieces) stream.push(piece);
  return { texts, calls };
}

const input = {
  note: { text: 'not a sentence' },
  sentences: [
    { kind: 'greeting', text: 'Hello "Marcus",', citations: [] },
    { citations: [1, 2], text: 'Line one\nline two \\ back: café 😀 \u0001.', kind: 'claim' },
    { text: '', citations: [], kind: 'closing' },
    { text: 'Tschüß!', kind: 'closing', citations: [] },
  ],
  abstained: false,
  escalateTo: null,
};
const json = JSON.stringify(input).replace('café', 'caf\\u00e9');

describe('SentenceTextStream', () => {
  it('reports each sentence text, decoded, when the JSON arrives whole', () => {
    expect(collect([json]).texts).toEqual(['Hello "Marcus",', 'Line one\nline two \\ back: café 😀 \u0001.', undefined, 'Tschüß!']);
  });

  it('gives the same text whatever the split, one character at a time included', () => {
    const whole = collect([json]).texts;
    for (const size of [1, 2, 3, 5, 7, 12]) {
      const pieces: string[] = [];
      for (let i = 0; i < json.length; i += size) pieces.push(json.slice(i, i + size));
      const { texts, calls } = collect(pieces);
      expect(texts).toEqual(whole);
      if (size === 1) expect(calls).toBeGreaterThan(40);
    }
  });

  it('ignores strings that are not a sentence text', () => {
    const { texts } = collect([JSON.stringify({ summary: 'x', text: 'root text', sentences: [{ kind: 'text', citations: [] }] })]);
    expect(texts).toEqual([]);
  });
});
