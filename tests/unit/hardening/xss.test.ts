import { beforeAll, describe, expect, it } from 'vitest';
import { checkXssPayload, createXssBench, everyNth, loadXssPayloads, type XssBench } from '../../support/hardening-cases';

// Every 50th payload of the 6,613 (bench/hardening.ts runs them all): through the Gmail reader (DOM text and
// HTML-escaped markup), the SOP parsers (Markdown and raw HTML) and the HubSpot record, rendered by the panels.
const sample = everyNth(loadXssPayloads(), 50);
let bench: XssBench;
beforeAll(() => {
  bench = createXssBench();
});

describe('XSS payloads stay text in the panels', () => {
  it(`renders ${sample.length} sampled payloads as text, with no foreign element, handler or script URL`, async () => {
    const failed: Array<{ payload: string; problems: string[] }> = [];
    for (const payload of sample) {
      const result = await checkXssPayload(bench, payload);
      if (!result.passed) failed.push({ payload, problems: result.problems });
    }
    expect(failed).toEqual([]);
  });

  it('the check itself fails on markup that escaped into the DOM', async () => {
    const { foreignMarkup } = await import('../../support/hardening-cases');
    const { Window } = await import('happy-dom');
    const doc = new new Window().DOMParser().parseFromString('<main id="panel"><p>ok</p><img src=x onerror="alert(1)"><a href="javascript:alert(1)">x</a></main>', 'text/html') as unknown as Document;
    expect(foreignMarkup(doc)).toEqual(['<img> element', 'onerror attribute on <img>', 'href="javascript:alert(1)"']);
  });
});
