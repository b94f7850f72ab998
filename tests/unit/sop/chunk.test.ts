import { describe, expect, it } from 'vitest';
import { chunkSop, MAX_PASSAGE_CHARS } from '@/lib/sop/chunk';

const source = (text: string) => ({ sopId: 'refunds', sopVersion: 3, sopTitle: 'Refunds', lanes: ['support-replies'], text });
const sentence = (n: number) => `Sentence number ${n} explains one more rule of the refund procedure in plain words.`;

describe('chunkSop', () => {
  it('keeps the heading path of each passage and gives stable ids', () => {
    const text = [
      '# Refunds', '', 'Support never moves money. '.repeat(10), '',
      '## Annual plans', '', '### Pro-rating', '', 'After the 14-day window, refund unused whole months. '.repeat(6), '',
      '## Monthly plans', '', 'Monthly plans are not refunded; cancellation stops the next renewal. '.repeat(5),
    ].join('\n');
    const passages = chunkSop(source(text));
    expect(passages.map((p) => p.headingPath)).toEqual([['Refunds'], ['Refunds', 'Annual plans', 'Pro-rating'], ['Refunds', 'Monthly plans']]);
    expect(passages.map((p) => p.id)).toEqual(['refunds@3#0', 'refunds@3#1', 'refunds@3#2']);
    expect(passages[1]?.lanes).toEqual(['support-replies']);
    expect(chunkSop(source(text))).toEqual(passages);
  });

  it('splits long sections under the bound, at paragraph then sentence boundaries', () => {
    const paragraphs = Array.from({ length: 6 }, (_, p) => Array.from({ length: 5 }, (_, s) => sentence(p * 10 + s)).join(' '));
    const oneLongParagraph = Array.from({ length: 40 }, (_, s) => sentence(100 + s)).join(' ');
    const passages = chunkSop(source(`# Refunds\n\n${paragraphs.join('\n\n')}\n\n${oneLongParagraph}`));
    expect(passages.length).toBeGreaterThan(3);
    for (const p of passages) {
      expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
      // Cut at sentence ends, never mid-sentence.
      expect(p.text.trim()).toMatch(/\.$/);
      expect(p.headingPath).toEqual(['Refunds']);
    }
    // Nothing is lost.
    const all = passages.map((p) => p.text).join(' ');
    for (let n = 0; n < 40; n++) expect(all).toContain(`Sentence number ${100 + n} `);
  });

  it('merges tiny sections into a neighbour under the same top heading, keeping their heading as a label', () => {
    const text = '# Refunds\n\n## Timelines\n\n' + 'Card refunds show within 5 to 10 business days after billing issues them. '.repeat(4) + '\n\n## Bank transfers\n\nThree days more.\n\n# Other\n\nShort.';
    const passages = chunkSop(source(text));
    expect(passages).toHaveLength(2);
    expect(passages[0]?.headingPath).toEqual(['Refunds', 'Timelines']);
    expect(passages[0]?.text).toContain('Bank transfers:\nThree days more.');
    // A different top-level heading is never merged in.
    expect(passages[1]?.headingPath).toEqual(['Other']);
  });

  it('cuts text with no boundaries at all', () => {
    const passages = chunkSop(source('x'.repeat(3000)));
    expect(passages.map((p) => p.text.length)).toEqual([1200, 1200, 600]);
  });
});
