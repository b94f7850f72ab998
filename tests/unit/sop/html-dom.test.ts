// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { htmlToText } from '@/lib/text/html';

describe('htmlToText with DOMParser', () => {
  it('gives the same text as the tokenizer path', () => {
    const html = '<html><head><title>Returns</title></head><body><h1>Returns</h1><p>Ask for <b>photos</b>.<br>Then reply.</p><h2>Steps</h2><ol><li>Check</li><li>Ship</li></ol><table><tr><td>A</td><td>B</td></tr></table><script>x()</script></body></html>';
    expect(typeof DOMParser).toBe('function');
    const viaDom = htmlToText(html);
    const viaTokens = htmlToText(html, { useDomParser: false });
    expect(viaDom).toEqual(viaTokens);
    expect(viaDom.text).toBe('# Returns\n\nAsk for photos.\nThen reply.\n\n## Steps\n\n- Check\n- Ship\n\nA B');
  });
});
