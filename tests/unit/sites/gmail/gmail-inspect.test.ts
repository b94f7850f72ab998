import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { gmailTruthSchema, type GmailTruth } from '@/lib/sites/gmail/truth-format';
import { runGmailInspect } from '../../../../scripts/gmail-inspect';
import { FIXTURE_DIR, FIXTURE_NAMES, comparable, fixtureHtml, fixtureTruth } from './fixtures';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real command, as a rep runs it. */
async function inspectCli(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', ['--import', 'tsx', 'scripts/gmail-inspect.ts', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The same command in-process: cheap enough to run on every saved page. */
function inspect(...args: string[]): Run {
  let stdout = '';
  let stderr = '';
  const code = runGmailInspect(args, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

function tempPage(name: string, html: string): string {
  const page = join(mkdtempSync(join(tmpdir(), 'gmail-inspect-')), name);
  writeFileSync(page, html);
  return page;
}

/** What a read says about a page's structure, without its text: the same before and after redaction. */
function structure(truth: GmailTruth): unknown {
  if (truth.view !== 'thread' && truth.view !== 'preview') return truth.view === 'unreadable' ? { view: truth.view, step: truth.step } : truth;
  return {
    view: truth.view,
    threadId: truth.threadId,
    replyEditorOpen: truth.replyEditorOpen,
    // A collapsed message's recipients and signature are not on the page (see comparable in fixtures.ts).
    messages: truth.messages.map((m) => ({
      id: m.messageId,
      legacyId: m.legacyId,
      state: m.state,
      date: m.date,
      quoted: m.hasQuotedHistory,
      ...(m.state === 'expanded' ? { signed: m.signature !== null, to: m.to.length } : {}),
    })),
  };
}

describe('npm run gmail:inspect', () => {
  it('prints a saved thread in the truth format (the command itself)', async () => {
    const { code, stdout } = await inspectCli(`${FIXTURE_DIR}thread-2026-inline-reply-open.html`);
    expect(code).toBe(0);
    const printed = gmailTruthSchema.parse(JSON.parse(stdout));
    expect(comparable(printed)).toEqual(comparable(fixtureTruth('thread-2026-inline-reply-open')));
  });

  for (const name of FIXTURE_NAMES) {
    it(`reads ${name} as its truth`, () => {
      const { code, stdout } = inspect(`${FIXTURE_DIR}${name}.html`);
      expect(code).toBe(0);
      expect(comparable(gmailTruthSchema.parse(JSON.parse(stdout)))).toEqual(comparable(fixtureTruth(name)));
    });
  }

  it('prints {"view":"list"} for the inbox and exits 0', () => {
    const { code, stdout } = inspect(`${FIXTURE_DIR}inbox-list.html`);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ view: 'list' });
  });

  it('prints the failed step and exits 1 when the page does not match (the command itself)', async () => {
    const page = tempPage('no-sender-addresses.html', fixtureHtml('thread-german-customer').replaceAll(' email="', ' data-x="'));
    const { code, stdout } = await inspectCli(page);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({ view: 'unreadable', step: 'sender', detail: 'no message sender found', reason: expect.stringMatching(/no message sender found/) });
  });

  it('exits 2 with a clear message for a missing file or bad arguments', () => {
    const missing = inspect(`${FIXTURE_DIR}no-such-page.html`);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/Cannot read .*no-such-page\.html: no such file/);
    expect(inspect('--frobnicate', `${FIXTURE_DIR}inbox-list.html`)).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown option --frobnicate/) });
    const page = tempPage('page.html', fixtureHtml('inbox-list'));
    expect(inspect(page, '--redact', page)).toMatchObject({ code: 2, stderr: expect.stringMatching(/must not replace the saved page/) });
  });
});

describe('npm run gmail:inspect -- page.html --redact', () => {
  for (const name of FIXTURE_NAMES) {
    it(`${name}: the redacted copy keeps the structure and none of the mail`, () => {
      const page = tempPage(`${name}.html`, fixtureHtml(name));
      const { code, stdout, stderr } = inspect(page, '--redact');
      const copy = page.replace(/\.html$/, '.redacted.html');
      expect(stderr).toContain(copy);
      expect(code).toBe(0);
      const printed = gmailTruthSchema.parse(JSON.parse(stdout));
      expect(structure(printed)).toEqual(structure(fixtureTruth(name)));

      // No word of the mail, no address, no name survives anywhere in the copy.
      const redacted = readFileSync(copy, 'utf8');
      const truth = fixtureTruth(name);
      const secrets = new Set<string>();
      if (truth.view === 'thread' || truth.view === 'preview') {
        for (const word of truth.subject.split(/\s+/)) if (word.length >= 5) secrets.add(word);
        for (const message of truth.messages) {
          for (const person of [message.from, ...message.to]) secrets.add(person.email).add(person.name);
          for (const word of (message.bodyText ?? '').split(/[\s,.?!:;()]+/)) if (word.length >= 6) secrets.add(word);
        }
      }
      for (const row of redacted.matchAll(/email="([^"]+)"/g)) expect(row[1]).toMatch(/^person-\d+@example\.invalid$/);
      // The placeholders' own domain is no secret.
      secrets.delete('example');
      for (const secret of secrets) expect(redacted, `"${secret}" left in the copy`).not.toContain(secret);
      if (truth.view === 'thread' || truth.view === 'preview') {
        for (const message of printed.view === 'thread' || printed.view === 'preview' ? printed.messages : []) {
          expect(message.bodyText ?? '').toMatch(/^[xX0\s\p{P}\p{S}*]*$/u);
          // One placeholder per person: a chip's name and address name the same one.
          expect(message.from.name.replace('Person ', 'person-')).toBe(message.from.email.replace('@example.invalid', ''));
        }
      }
    });
  }

  it('leaves no subject, sender or snippet of the inbox rows, in text or in labels', () => {
    const page = tempPage('inbox.html', fixtureHtml('inbox-list'));
    expect(inspect(page, '--redact').code).toBe(0);
    const redacted = readFileSync(page.replace(/\.html$/, '.redacted.html'), 'utf8');
    for (const secret of ['Refund for annual plan renewal', 'Marcus', 'Oyelaran', 'brightlane', 'stainless hinges', 'Dana Reyes', 'dana.reyes']) {
      expect(redacted, `"${secret}" left in the copy`).not.toContain(secret);
    }
    // Gmail's own control labels stay, so the copy is read as the original.
    expect(redacted).toContain('aria-label="Back to Inbox"');
  });

  it('writes to the given name, and a page that fails still fails at the same step once redacted', () => {
    const page = tempPage('broken.html', fixtureHtml('thread-2026-layout-damaged').replace('role="list"', '').replaceAll('class="nH hx"', 'class="nH q9"'));
    const out = join(dirname(page), 'for-the-bug-report.html');
    const { code, stdout } = inspect(page, '--redact', out);
    expect(existsSync(out)).toBe(true);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ view: 'unreadable', step: 'list' });
  });
});
