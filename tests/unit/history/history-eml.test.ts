import { describe, expect, it } from 'vitest';
import { parseEmlFolder } from '@/lib/history/history-eml';

const eml = (subject: string, body: string, html = false) =>
  new TextEncoder().encode(
    [`From: Ana <ana@customer.example>`, `To: support@shop.example`, `Subject: ${subject}`, 'MIME-Version: 1.0', `Content-Type: ${html ? 'text/html' : 'text/plain'}; charset=utf-8`, '', body].join('\r\n'),
  ).buffer as ArrayBuffer;

describe('labelled history from a folder of .eml files', () => {
  it('takes the category from the folder, the text from subject and body without the quoted history, HTML as text', async () => {
    const parsed = await parseEmlFolder([
      { path: 'Export/Warranty claim/0001.eml', bytes: eml('Broken kettle', 'It stopped after 4 months.\r\n\r\nOn Mon, 3 Mar 2025 at 10:00, Support <support@shop.example> wrote:\r\n> Thanks for your order') },
      { path: 'Export/Invoice copy/0002.eml', bytes: eml('Invoice', '<p>Please resend <b>invoice 44</b>.</p>', true) },
      { path: 'Export/Invoice copy/notes.txt', bytes: eml('x', 'y') },
      { path: 'loose.eml', bytes: eml('Loose', 'No folder') },
      { path: 'Export/Invoice copy/empty.eml', bytes: new ArrayBuffer(0) },
    ]);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.examples).toEqual([
      { text: 'Broken kettle\nIt stopped after 4 months.', category: 'warranty_claim', label: 'Warranty claim' },
      { text: 'Invoice\nPlease resend invoice 44.', category: 'invoice_copy', label: 'Invoice copy' },
    ]);
    expect(parsed.value.skipped.map((s) => s.where)).toEqual(['loose.eml', 'Export/Invoice copy/empty.eml']);
  });

  it('says what to choose when no message sits in a category folder', async () => {
    const parsed = await parseEmlFolder([{ path: 'a.eml', bytes: eml('A', 'B') }]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.nextStep).toContain('subfolder per category');
  });
});
