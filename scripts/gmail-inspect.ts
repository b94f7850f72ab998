// npm run gmail:inspect -- <saved page.html> [--redact [out.html]]
// Reads a saved Gmail page the way the extension does and prints the result in the fixtures' truth format,
// so a page saved from real Gmail can be checked and turned into a new fixture. When the page cannot be read,
// the print names the step that failed.
// --redact writes a copy of the page with every piece of mail content replaced by placeholders (see
// lib/sites/gmail/redact.ts) and prints the read of that copy: the copy is what a rep attaches to a bug report.
// Exit codes: 0 read (thread or list), 1 unreadable, 2 no usable file or arguments.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { readGmail } from '@/lib/sites/gmail/read-thread';
import { redactGmailPage } from '@/lib/sites/gmail/redact';
import { toTruthFormat } from '@/lib/sites/gmail/truth-format';

const USAGE = 'Usage: npm run gmail:inspect -- <saved Gmail page.html> [--redact [redacted copy.html]]\n';

interface Args {
  page: string;
  /** Where to write the redacted copy, when asked for. */
  redactTo: string | null;
}

function parseArgs(args: string[]): Args | string {
  const rest = args.filter((arg) => arg !== '--');
  const flag = rest.indexOf('--redact');
  const positional = rest.filter((arg, index) => index !== flag && !(flag >= 0 && index === flag + 1 && !arg.startsWith('--')));
  const unknown = positional.find((arg) => arg.startsWith('--'));
  if (unknown !== undefined) return `Unknown option ${unknown}.`;
  const page = positional[0];
  if (page === undefined || positional.length > 1) return 'Give one saved page.';
  if (flag < 0) return { page, redactTo: null };
  const next = rest[flag + 1];
  const given = next !== undefined && !next.startsWith('--') ? next : null;
  const redactTo = given ?? path.join(path.dirname(page), `${path.basename(page, path.extname(page))}.redacted.html`);
  if (path.resolve(redactTo) === path.resolve(page)) return 'The redacted copy must not replace the saved page: give another name.';
  return { page, redactTo };
}

/** Where the command writes: the process's streams, or a test's buffers. */
export interface InspectOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The whole command, callable in-process: returns the exit code. */
export function runGmailInspect(argv: string[], output: InspectOutput): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    output.err(`${args}\n${USAGE}`);
    return 2;
  }
  let html: string;
  try {
    html = readFileSync(args.page, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : String(error);
    output.err(`Cannot read ${args.page}: ${reason}. Save the Gmail page (Ctrl-S, "Webpage, HTML only") and pass its path.\n`);
    return 2;
  }
  const dom = new JSDOM(html);
  try {
    if (args.redactTo !== null) {
      redactGmailPage(dom.window.document);
      writeFileSync(args.redactTo, dom.serialize());
      output.err(
        `Wrote ${args.redactTo}: letters replaced by x, digits by 0, people by person-N@example.invalid, scripts removed. Open it to check before you attach it.\n`,
      );
    }
    const truth = toTruthFormat(readGmail(dom.window.document));
    output.out(`${JSON.stringify(truth, null, 2)}\n`);
    return truth.view === 'unreadable' ? 1 : 0;
  } finally {
    dom.window.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = runGmailInspect(process.argv.slice(2), { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) });
}
