// npm run gmail:inspect -- <saved page.html>
// Reads a saved Gmail page the way the extension does and prints the result in the fixtures' truth format,
// so a page saved from real Gmail can be checked and turned into a new fixture.
// Exit codes: 0 read (thread or list), 1 unreadable, 2 no usable file given.

import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { readGmail } from '@/lib/sites/gmail/read-thread';
import { toTruthFormat } from '@/lib/sites/gmail/truth-format';

function main(args: string[]): number {
  const path = args.find((arg) => arg !== '--');
  if (path === undefined) {
    process.stderr.write('Usage: npm run gmail:inspect -- <saved Gmail page.html>\n');
    return 2;
  }
  let html: string;
  try {
    html = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : String(error);
    process.stderr.write(`Cannot read ${path}: ${reason}. Save the Gmail page (Ctrl-S, "Webpage, HTML only") and pass its path.\n`);
    return 2;
  }
  const dom = new JSDOM(html);
  try {
    const truth = toTruthFormat(readGmail(dom.window.document));
    process.stdout.write(`${JSON.stringify(truth, null, 2)}\n`);
    return truth.view === 'unreadable' ? 1 : 0;
  } finally {
    dom.window.close();
  }
}

process.exitCode = main(process.argv.slice(2));
