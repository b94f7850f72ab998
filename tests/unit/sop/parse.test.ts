import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkNotDuplicate, MAX_SOP_BYTES, parseSopFile } from '@/lib/sop/parse/parse-sop-file';
import { parseTextSopFile } from '@/lib/sop/parse/parse-text-sop';
import { htmlToText } from '@/lib/text/html';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/sop/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('parseSopFile', () => {
  it('reads Markdown with front matter into title, meta and headings', async () => {
    const md = '---\ntitle: Refunds\nlanes: [support-replies, shared-inbox-triage]\nowner: Billing team\neffective: 2024-01-01\nversion: "2.1"\n---\n# Refunds\n\n## Annual plans\nFull refund within 14 days.\n';
    const result = await parseSopFile('refunds.md', utf8(md));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.title).toBe('Refunds');
    expect(result.value.meta).toEqual({ id: null, owner: 'Billing team', effectiveDate: '2024-01-01', versionLabel: '2.1', lanes: ['support-replies', 'shared-inbox-triage'] });
    expect(result.value.text).toBe('# Refunds\n\n## Annual plans\nFull refund within 14 days.');
    expect(result.value.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads front matter lanes written as a YAML list', async () => {
    const md = '---\ntitle: Onboarding\nlanes:\n  - intake-onboarding\n  - meeting-followup\n---\nText.';
    const result = await parseSopFile('x.md', utf8(md));
    expect(result.ok && result.value.meta.lanes).toEqual(['intake-onboarding', 'meeting-followup']);
  });

  it('turns setext headings into # headings and takes the title from the first one', async () => {
    const result = await parseSopFile('notes.txt', utf8('Shipping\n========\n\nDelays\n------\nTrack the parcel.\n'));
    expect(result.ok && result.value.text).toBe('# Shipping\n\n## Delays\nTrack the parcel.');
    expect(result.ok && result.value.title).toBe('Shipping');
  });

  it('decodes UTF-16 with a byte-order mark and Windows-1252 text', async () => {
    const text = 'Café policy: no refunds.';
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const r16 = await parseSopFile('a.txt', utf16);
    expect(r16.ok && r16.value.text).toBe(text);
    const cp1252 = new Uint8Array([...'Price in '].map((c) => c.charCodeAt(0)).concat([0x80, 0x20, 0x93, 0x6f, 0x6b, 0x94]));
    const r1252 = await parseSopFile('b.txt', cp1252);
    expect(r1252.ok && r1252.value.text).toBe('Price in € “ok”');
  });

  it('reads HTML headings, lists and paragraphs, skipping scripts and styles', async () => {
    const html = '<html><head><title>Returns &amp; damage</title><style>h1{}</style></head><body><h1>Returns</h1><script>alert(1)</script><p>Ask for <b>photos</b>.</p><h2>Steps</h2><ul><li>Check the order</li><li>Ship replacement</li></ul></body></html>';
    const result = await parseSopFile('returns.html', utf8(html));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.title).toBe('Returns & damage');
    expect(result.value.text).toBe('# Returns\n\nAsk for photos.\n\n## Steps\n\n- Check the order\n- Ship replacement');
    expect(result.value.text).not.toContain('alert');
  });

  it('reads a real PDF, page by page, with headings from font sizes', async () => {
    const result = await parseSopFile('refund-policy.pdf', fixture('refund-policy.pdf'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.kind).toBe('pdf');
    expect(result.value.title).toBe('Refund policy');
    expect(result.value.text).toContain('# Refund policy');
    expect(result.value.text).toContain('## Annual plans\n\nAnnual plans cancelled within 14 days of purchase get a full refund.');
    // The second page's heading and text are there too.
    expect(result.value.text).toContain('## Approvals\n\nRefunds over 500 USD need approval');
  });

  it('reads a real DOCX with its Word headings', async () => {
    const result = await parseSopFile('account-access.docx', fixture('account-access.docx'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.title).toBe('Account access');
    expect(result.value.text).toMatch(/^# Account access\n\n## Password resets\n\nNever reset a password/);
    expect(result.value.text).toContain('## Security checks');
  });

  it('rejects bad files with reasons', async () => {
    const cases: Array<[string, Uint8Array, string]> = [
      ['empty.md', new Uint8Array(0), 'sop.empty'],
      ['blank.md', utf8('  \n\n---\n'), 'sop.empty'],
      ['photo.png', utf8('not an sop'), 'sop.unsupported_type'],
      ['binary.txt', new Uint8Array([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x9c, 0x00]), 'sop.not_text'],
      ['huge.md', new Uint8Array(MAX_SOP_BYTES + 1).fill(0x61), 'sop.too_large'],
      ['fake.pdf', utf8('hello, I am not a PDF'), 'sop.unreadable_pdf'],
      ['broken.pdf', utf8('%PDF-1.4\n1 0 obj garbage'), 'sop.unreadable_pdf'],
      ['fake.docx', utf8('plain text'), 'sop.unreadable_docx'],
      ['broken.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'sop.unreadable_docx'],
    ];
    for (const [name, bytes, code] of cases) {
      const result = await parseSopFile(name, bytes);
      expect(result.ok, name).toBe(false);
      if (!result.ok) {
        expect(result.error.code, name).toBe(code);
        expect(result.error.message.length).toBeGreaterThan(10);
        expect(result.error.nextStep.length).toBeGreaterThan(10);
      }
    }
  });

  it('refuses a duplicate by hash', async () => {
    const first = await parseSopFile('a.md', utf8('# A\ntext'));
    const again = await parseSopFile('copy-of-a.md', utf8('# A\ntext'));
    if (!first.ok || !again.ok) throw new Error('parse failed');
    expect(checkNotDuplicate(again.value, new Set([first.value.sha256])).ok).toBe(false);
    expect(checkNotDuplicate(again.value, new Set()).ok).toBe(true);
  });
});

describe('htmlToText tokenizer', () => {
  it('keeps quoted > in attributes, decodes entities and ignores comments', () => {
    const { text } = htmlToText('<p title="a > b">Fish &lt;&amp;&gt; chips&#33; &#x2014;<!-- <h1>no</h1> --></p><h3>Next</h3>', { useDomParser: false });
    expect(text).toBe('Fish <&> chips! —\n\n### Next');
  });
});

describe('parseTextSopFile (the background\'s parser, without PDF and Word)', () => {
  it('reads text formats exactly as parseSopFile does, and sends PDF and Word to the options page', async () => {
    const md = utf8('---\ntitle: Refunds\n---\n# Refunds\nRefund within 14 days.\n');
    expect(await parseTextSopFile('refunds.md', md)).toEqual(await parseSopFile('refunds.md', md));
    const pdf = await parseTextSopFile('refund-policy.pdf', fixture('refund-policy.pdf'));
    expect(pdf.ok ? 'ok' : pdf.error.code).toBe('sop.binary_here');
    if (!pdf.ok) expect(pdf.error.nextStep).toMatch(/Options → SOP library/);
  });
});
