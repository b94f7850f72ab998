// Loads the saved Gmail pages of tests/fixtures/gmail and their truth files.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { Window } from 'happy-dom';
import { collapseWhitespace } from '@/lib/sites/gmail/text';
import { gmailTruthSchema, type GmailTruth } from '@/lib/sites/gmail/truth-format';

// From a string, not a URL object: under happy-dom the global URL is the DOM's, which node:url refuses.
export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/gmail/');

/** Every saved page, by file name without .html. */
export const FIXTURE_NAMES = readdirSync(FIXTURE_DIR)
  .filter((file) => file.endsWith('.html'))
  .map((file) => file.slice(0, -'.html'.length))
  .sort();

export function fixtureHtml(name: string): string {
  return readFileSync(`${FIXTURE_DIR}${name}.html`, 'utf8');
}

export function fixtureTruth(name: string): GmailTruth {
  return gmailTruthSchema.parse(JSON.parse(readFileSync(`${FIXTURE_DIR}${name}.truth.json`, 'utf8')));
}

export function jsdomDocument(name: string): Document {
  return new JSDOM(fixtureHtml(name)).window.document;
}

export function happyDomDocument(name: string): Document {
  const window = new Window();
  return new window.DOMParser().parseFromString(fixtureHtml(name), 'text/html') as unknown as Document;
}

/** Shows a saved page in the current (happy-dom) document by moving its body in with DOM calls, as Gmail swaps views. */
export function showFixture(name: string): void {
  const parsed = new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((node) => document.importNode(node, true)));
}

/**
 * The part of a truth a page can prove. A collapsed message shows only sender, date and a snippet: the truth
 * files also give its recipients and signature, which are not in the page, so they are left out of the
 * comparison for non-expanded messages (the reader reports [] and null there, tested separately).
 * Bodies are compared with whitespace collapsed, as the fixtures' README says.
 */
export function comparable(truth: GmailTruth): unknown {
  if (truth.view !== 'thread' && truth.view !== 'preview') return truth;
  return {
    ...truth,
    messages: truth.messages.map(({ to, signature, bodyText, ...rest }) =>
      rest.state === 'expanded'
        ? { ...rest, to, signature, bodyText: bodyText === undefined ? undefined : collapseWhitespace(bodyText) }
        : rest,
    ),
  };
}
