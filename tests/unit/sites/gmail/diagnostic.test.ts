import { describe, expect, it } from 'vitest';
import { gmailReadDiagnostic, STEP_WORDS, unreadableWords } from '@/lib/sites/gmail/diagnostic';
import { readGmail } from '@/lib/sites/gmail/read-thread';
import { gmailReadDiagnosticSchema, gmailReadStepSchema, type GmailRead } from '@/lib/schemas/thread';
import { jsdomDocument } from './fixtures';

function unreadable(read: GmailRead): Extract<GmailRead, { kind: 'unreadable' }> {
  if (read.kind !== 'unreadable') throw new Error(`expected unreadable, got ${read.kind}`);
  return read;
}

/** The 2026 page with its message list broken: no role, and its place among the classes changed. */
function brokenList(): Document {
  const doc = jsdomDocument('thread-2026-layout-damaged');
  doc.querySelector('[role=list]')?.removeAttribute('role');
  doc.querySelectorAll('.hx').forEach((element) => element.classList.replace('hx', 'hx-0d1f'));
  return doc;
}

describe('the diagnostic of a failed read', () => {
  it('has words for every step', () => {
    for (const step of gmailReadStepSchema.options) expect(STEP_WORDS[step]).toMatch(/\w/);
  });

  it('names the failed step in words a rep can forward, with no mail text', () => {
    const read = unreadable(readGmail(brokenList()));
    const words = unreadableWords(read);
    expect(words.step).toBe('the list of messages');
    expect(words.headline).toBe('The extension could not find the list of messages on this Gmail page.');
    expect(words.forAdmin).toMatch(/^Calm Triage could not read Gmail at step "list" \(no message list found\); selectors last checked \d{4}-\d{2}-\d{2}\.$/);
  });

  it('builds a record safe to store: the step, fixed words and which layout markers were there', () => {
    const doc = brokenList();
    const record = gmailReadDiagnostic(doc, readGmail(doc));
    expect(gmailReadDiagnosticSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      site: 'gmail',
      step: 'list',
      detail: 'no message list found',
      markers: { mainView: true, threadHeading: true, threadContainer: true, legacyThreadContainer: false, messageListByRole: false, messageListByClass: false, messageById: true, sender: true, body: true },
    });
    const text = JSON.stringify(record);
    for (const secret of ['Hannah', 'lumen-bakery', 'Mixer', 'dented', 'c6cb4b97a0f30878', 'msg-f']) expect(text).not.toContain(secret);
  });

  it('is null for a read that did not fail', () => {
    const doc = jsdomDocument('thread-2026-layout-damaged');
    expect(gmailReadDiagnostic(doc, readGmail(doc))).toBeNull();
    const list = jsdomDocument('inbox-list');
    expect(gmailReadDiagnostic(list, readGmail(list))).toBeNull();
  });

  it('tells a page that is not loaded apart from a changed layout', () => {
    const doc = jsdomDocument('inbox-list');
    doc.querySelector('[role=main]')?.removeAttribute('role');
    const read = unreadable(readGmail(doc));
    expect(unreadableWords(read).headline).toBe('Gmail has not finished loading this page.');
    expect(gmailReadDiagnostic(doc, read)?.markers.mainView).toBe(false);
  });
});
