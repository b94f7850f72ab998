// House rules checked on every run: cheap, and they keep the codebase honest as it grows.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '@/lib/protocol/messages';
import { importsOf, reachable } from './support/import-graph';

const root = path.resolve(import.meta.dirname, '..');

function files(dir: string, ext = /\.(ts|tsx)$/): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...files(rel, ext));
    else if (ext.test(name) && !name.startsWith('.')) out.push(rel);
  }
  return out;
}
const read = (rel: string) => readFileSync(path.join(root, rel), 'utf8');
const product = [...files('lib'), ...files('components'), ...files('entrypoints')];

describe('conventions', () => {
  it('nothing refers to the shared folder outside the project (a clone must stand alone)', () => {
    const all = [...product, ...files('tests'), ...files('scripts'), ...files('bench'), 'package.json', 'wxt.config.ts', '.ci/run', 'README.md'];
    const offenders = all.filter((f) => f !== 'tests/conventions.test.ts' && /\.\.\/shared\b/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('no HTML string sinks in product code: untrusted text never reaches the DOM as HTML', () => {
    const sink = /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write)\b/;
    expect(product.filter((f) => sink.test(read(f)))).toEqual([]);
  });

  it('site DOM knowledge stays in lib/sites: selectors are named constants, not literals at call sites', () => {
    const literalLookup = /(querySelector(All)?|closest|matches)\(\s*['"`]/;
    // SOP parsing reads the admin's own HTML files, not a host page.
    const offenders = product.filter((f) => !f.startsWith('lib/sop/parse/') && literalLookup.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('the protocol has no any', () => {
    expect(files('lib/protocol').filter((f) => /:\s*any\b|as any\b|<any>/.test(read(f)))).toEqual([]);
  });

  it('every message group file is part of the protocol', () => {
    const groups = files('lib/protocol/groups').map((f) => path.basename(f, '.ts'));
    for (const group of groups) {
      const names = Object.keys(messages).filter((m) => m.startsWith(`${group}.`));
      expect(names.length, `messages of lib/protocol/groups/${group}.ts in messages.ts`).toBeGreaterThan(0);
    }
  });

  it('file names are kebab-case', () => {
    const bad = [...product, ...files('tests'), ...files('scripts'), ...files('bench')].filter(
      (f) => !/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9-]+)*\.(ts|tsx)$/.test(path.basename(f)),
    );
    expect(bad).toEqual([]);
  });

  it('only the background and the options page open the database', () => {
    const opens = product.filter((f) => /new TriageDatabase\(/.test(read(f)));
    expect(opens.every((f) => f.startsWith('entrypoints/background/') || f === 'lib/db/options-db.ts')).toBe(true);
  });

  it('every entrypoint and worker sets zod jitless (MV3 forbids eval, and zod\'s probe for it is a CSP violation report)', () => {
    const entries = [
      ...files('entrypoints').filter((f) => /(-start\.ts|-panel\.tsx|background\/index\.ts|\/main\.tsx)$/.test(f)),
      'lib/sop/import-worker.ts',
      'lib/history/history-worker.ts',
    ];
    expect(entries.length).toBeGreaterThanOrEqual(9);
    expect(entries.filter((f) => !reachable(root, f).has('lib/schemas/zod-config.ts'))).toEqual([]);
  });

  it('the content scripts themselves build no zod: what they load is compiled on the page\'s main thread', () => {
    for (const loader of ['entrypoints/gmail.content/index.ts', 'entrypoints/hubspot.content/index.ts']) {
      expect([...reachable(root, loader)].filter((f) => /from ['"]zod/.test(read(f)))).toEqual([]);
    }
  });

  it('the SOP parse worker, which reads untrusted PDF and DOCX, reaches no database code', () => {
    const reached = [...reachable(root, 'lib/sop/import-worker.ts')];
    expect(reached).toContain('lib/sop/parse/docx.ts');
    expect(reached.filter((f) => f.startsWith('lib/db/') || /from ['"]dexie/.test(read(f)))).toEqual([]);
  });
});

describe('where code runs', () => {
  // A content script and the start chunk it imports as it starts (components/dock/chunk-loader.ts) load on every page.
  const contentScripts = ['entrypoints/gmail.content/index.ts', 'entrypoints/gmail-start.ts', 'entrypoints/hubspot.content/index.ts', 'entrypoints/hubspot-start.ts'];
  // The panels run in the same tab, loaded on demand.
  const panelChunks = ['entrypoints/gmail-panel.tsx', 'entrypoints/hubspot-panel.tsx'];
  // The database, the engines (and with them any key) and the SOP library live in the background.
  const backgroundOnly = [/^lib\/db\//, /^lib\/engine\//, /^lib\/sop\//, /^lib\/[a-z-]+-lane\/background\//, /^lib\/settings\/claude-settings-store/, /^lib\/settings\/engine-store/, /^lib\/lanes\/lane-store/];

  it.each([...contentScripts, ...panelChunks])('%s never reaches the database, the engines or the SOP library', (entry) => {
    const reached = [...reachable(root, entry)].filter((f) => backgroundOnly.some((p) => p.test(f)));
    expect(reached).toEqual([]);
  });

  it.each(contentScripts)('%s loads no React and no panel component on the host page: those are the panel chunk', (entry) => {
    const reached = [...reachable(root, entry)];
    const react = reached.filter((f) => /(?:^|\n)\s*import\s+(?!type\s)[^;]*?from\s+['"]react(?:-dom)?(?:\/[^'"]*)?['"]/.test(read(f)));
    expect(react).toEqual([]);
    expect(reached.filter((f) => f.startsWith('components/panel/') && !f.endsWith('.css'))).toEqual([]);
  });

  it('panel folders never import background folders, and background folders never import panel ones', () => {
    const offenders = files('lib').flatMap((f) => {
      const runsIn = /\/(panel|background)\//.exec(f)?.[1];
      if (!runsIn) return [];
      const other = runsIn === 'panel' ? /\/background\/|^lib\/db\// : /\/panel\//;
      return importsOf(root, f).filter((i) => other.test(i)).map((i) => `${f} → ${i}`);
    });
    expect(offenders).toEqual([]);
  });

  it('lib/engine knows no site, the Claude engine does not lean on the local one, and the protocol depends only on schemas', () => {
    const edges = files('lib').flatMap((f) => importsOf(root, f).map((to) => ({ from: f, to })));
    const bad = edges.filter(
      ({ from, to }) =>
        (from.startsWith('lib/engine/') && to.startsWith('lib/sites/')) ||
        (from.startsWith('lib/engine/claude/') && to.startsWith('lib/engine/local/')) ||
        (from.startsWith('lib/protocol/') && !to.startsWith('lib/protocol/') && !to.startsWith('lib/schemas/')),
    );
    expect(bad.map(({ from, to }) => `${from} → ${to}`)).toEqual([]);
  });
});

describe('one definition each', () => {
  const definedIn = (pattern: RegExp) => product.filter((f) => pattern.test(read(f)));

  it.each([
    ['the SHA-256 helper', /crypto\.subtle\.digest\(/, ['lib/common/sha256.ts']],
    ['the seeded PRNG', /0x6d2b79f5/i, ['lib/common/seeded-random.ts']],
    ['the CSV reader', /from 'papaparse'|split\(\s*['"],['"]\s*\)\s*\.map\(\s*\w+\s*=>\s*\w+\.trim/, ['lib/text/csv.ts']],
    ['ReplyMode', /(?:type ReplyMode\s*=|replyModeSchema\s*=)/, ['lib/schemas/draft-record.ts']],
    ["Gmail's host", /['"]mail\.google\.com['"]/, ['lib/sites/gmail/url.ts']],
    ["HubSpot's app hosts", /hubspot\\?\.com\$\//, ['lib/sites/hubspot/url.ts']],
    ['the audit writer', /\.audit\.(?:add|put|bulkAdd|bulkPut)\(/, ['lib/db/audit.ts']],
  ])('%s', (_what, pattern, expected) => {
    expect(definedIn(pattern)).toEqual(expected);
  });
});
