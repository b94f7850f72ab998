import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { flatText, textLines } from '@/lib/sites/gmail/text';

function element(build: (doc: Document) => Element): Element {
  return build(new JSDOM('').window.document);
}

describe('text extraction without layout', () => {
  const root = element((doc) => {
    const div = doc.createElement('div');
    const first = doc.createElement('p');
    first.textContent = '  Hello\n   there ';
    const cells = doc.createElement('table');
    const row = cells.insertRow();
    row.insertCell().textContent = 'Qty';
    row.insertCell().textContent = '20,000';
    const quote = doc.createElement('div');
    quote.className = 'gmail_quote';
    quote.textContent = 'old text';
    div.append(first, 'line one', doc.createElement('br'), 'line\u00a0two', cells, quote);
    return div;
  });

  it('breaks lines at blocks and <br>, cells side by side', () => {
    expect(textLines(root)).toBe('Hello there\nline one\nline two\nQty 20,000\nold text');
  });

  it('leaves out what matches skip, and can flatten to one line', () => {
    expect(flatText(root, '.gmail_quote')).toBe('Hello there line one line two Qty 20,000');
  });

  it('never reads script or style text', () => {
    const withScript = element((doc) => {
      const div = doc.createElement('div');
      const style = doc.createElement('style');
      style.textContent = '.x{color:red}';
      div.append(style, 'visible');
      return div;
    });
    expect(textLines(withScript)).toBe('visible');
  });
});
