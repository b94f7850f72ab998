import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTriageInspect } from '../../../scripts/triage-inspect';

const GMAIL = path.resolve(import.meta.dirname, '../../fixtures/gmail');
const SAMPLES = path.resolve(import.meta.dirname, '../../../public/samples/sops');

async function inspect(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runTriageInspect(argv, (t) => (out += t), (t) => (err += t));
  return { code, out, err };
}

const truthOf = (page: string) => JSON.parse(readFileSync(path.join(GMAIL, page.replace(/\.html$/, '.truth.json')), 'utf8')) as { view: string };
const pages = readdirSync(GMAIL).filter((n) => n.endsWith('.html'));

describe('npm run triage:inspect', () => {
  it.each(pages.filter((p) => truthOf(p).view !== 'list'))('reports the whole pipeline for %s', async (page) => {
    const { code, out, err } = await inspect(path.join(GMAIL, page));
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.classification.category).toEqual(expect.any(String));
    expect(['grounded', 'not grounded']).toContain(report.grounding.verdict);
    expect(report.grounding.score).toBeGreaterThanOrEqual(0);
    expect(report.grounding.score).toBeLessThanOrEqual(1);
    expect(report.draft === null).toBe(report.noDraftReason !== null);
  }, 30_000);

  it('signs the draft with the rep the saved page shows as signed in', async () => {
    const { out } = await inspect(path.join(GMAIL, 'thread-2026-layout-damaged.html'));
    const report = JSON.parse(out);
    expect(report.draft.text).toMatch(/Dana Reyes\s*$/);
    expect(report.draft.placeholders.unfilled).not.toContain('agent_name');
  }, 30_000);

  it.each([
    ['split-pane-preview.html', 'first reply to a lead'],
    ['thread-long-meeting-followup.html', "confirming the customer's recap"],
    ['thread-legacy-tablebs-billing-dispute.html', 'charged twice or a charge the customer disputes'],
  ])('drafts %s from the SOP template for its category, with nothing addressed to the agent', async (page, label) => {
    const report = JSON.parse((await inspect(path.join(GMAIL, page))).out);
    expect(report.draft.template.label).toBe(label);
    expect(report.postChecks.map((n: { kind: string }) => n.kind)).not.toContain('agent_instruction');
  }, 30_000);

  it('answers a double charge with a chargeback threat from the billing template: no question the thread answered, the reply date left to the rep', async () => {
    const report = JSON.parse((await inspect(path.join(GMAIL, 'thread-legacy-tablebs-billing-dispute.html'))).out);
    // The customer gave the dates and amounts; the refund procedure's questions (workspace, reason) are not this case.
    expect(report.draft.text).not.toMatch(/\?/);
    expect(report.draft.placeholders.unfilled).toEqual(['billing_reply_date']);
    expect(report.postChecks.map((n: { kind: string }) => n.kind)).not.toContain('asks_for_given');
  }, 30_000);

  it('says when the page shows no open thread', async () => {
    const { code, out } = await inspect(path.join(GMAIL, 'inbox-list.html'));
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual({ view: 'list' });
  });

  it('names an SOP file it could not read and goes on with the rest', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'inspect-sops-'));
    try {
      cpSync(SAMPLES, dir, { recursive: true });
      writeFileSync(path.join(dir, 'broken.pdf'), 'not a pdf');
      const { code, err } = await inspect(path.join(GMAIL, 'thread-2024-layout-refund.html'), '--sops', dir);
      expect(code).toBe(0);
      expect(err).toMatch(/^Skipped SOP broken\.pdf: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('refuses a missing page, a missing SOP folder or another engine with the usage line', async () => {
    expect((await inspect('/nonexistent/page.html')).code).toBe(2);
    const noFolder = await inspect(path.join(GMAIL, 'thread-rfq-export.html'), '--sops', '/nonexistent/sops');
    expect(noFolder.code).toBe(2);
    expect(noFolder.err).toMatch(/is not a folder of SOP files[\s\S]*Usage:/);
    const other = await inspect(path.join(GMAIL, 'thread-rfq-export.html'), '--engine', 'claude');
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/Only the local engine/);
  });
});
