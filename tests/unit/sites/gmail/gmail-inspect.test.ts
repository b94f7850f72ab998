import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { gmailTruthSchema } from '@/lib/sites/gmail/truth-format';
import { FIXTURE_DIR, comparable, fixtureHtml, fixtureTruth } from './fixtures';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

async function inspect(path: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', ['--import', 'tsx', 'scripts/gmail-inspect.ts', path], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run gmail:inspect', () => {
  it('prints a saved thread in the truth format', async () => {
    const { code, stdout } = await inspect(`${FIXTURE_DIR}thread-2024-layout-refund.html`);
    expect(code).toBe(0);
    const printed = gmailTruthSchema.parse(JSON.parse(stdout));
    expect(comparable(printed)).toEqual(comparable(fixtureTruth('thread-2024-layout-refund')));
  });

  it('prints {"view":"list"} for the inbox and exits 0', async () => {
    const { code, stdout } = await inspect(`${FIXTURE_DIR}inbox-list.html`);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ view: 'list' });
  });

  it('prints the reason and exits 1 when the thread layout is not the expected one', async () => {
    const page = join(mkdtempSync(join(tmpdir(), 'gmail-inspect-')), 'renamed-senders.html');
    writeFileSync(page, fixtureHtml('thread-german-customer').replaceAll('class="gD"', 'class="zz9"'));
    const { code, stdout } = await inspect(page);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({ view: 'unreadable', reason: expect.stringMatching(/no message sender found/) });
  });

  it('exits 2 with a clear message for a missing file', async () => {
    const { code, stdout, stderr } = await inspect(`${FIXTURE_DIR}no-such-page.html`);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Cannot read .*no-such-page\.html: no such file/);
  });
});
