import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TriageDatabase } from '@/lib/db/database';
import { exportBundle, type SopBundle } from '@/lib/sop/bundle';
import { importFiles } from '@/lib/sop/import-job';
import { importParsed, listSops, loadIndex } from '@/lib/sop/library';
import { applyManagedPolicy, loadManagedStatus, readManagedPolicy, type ManagedSettingsPatch, type ManagedStorageArea } from '@/lib/sop/managed';
import { parseSopFile } from '@/lib/sop/parse/parse-sop-file';
import { retrieve } from '@/lib/sop/retrieve';
import { SopIndex } from '@/lib/sop/sop-index';
import { setSopLanes } from '@/lib/sop/sop-lanes';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultLanes } from '@/lib/lanes/default-lanes';
import { loadLanes, loadLanesPolicy, saveLanes } from '@/lib/lanes/lane-store';
import { findCategory } from '@/lib/lanes/taxonomy';
import { categorySchema, laneSchema } from '@/lib/schemas/lane';

const utf8 = (text: string) => new TextEncoder().encode(text);
const PALLETS = '---\nid: lost-pallets\nlanes: [support-replies]\nowner: Fulfilment\n---\n# Lost pallet claims\n\n## Filing\n\nFile a lost pallet claim with the carrier within 5 business days of the missed delivery, with the bill of lading and the pallet count.';
const RETURNS = '---\nid: returns\nowner: Support\n---\n# Returns\n\n## Window\n\nUnopened goods may be returned within 30 days for a full refund; opened goods get store credit.';

let n = 0;
const dbs: TriageDatabase[] = [];
async function freshDb(): Promise<TriageDatabase> {
  const db = new TriageDatabase(`managed-test-${++n}`);
  await db.open();
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** A bundle as an admin's options page exports it. */
async function bundleOf(...texts: string[]): Promise<SopBundle> {
  const source = await freshDb();
  const index = SopIndex.empty();
  for (const [i, text] of texts.entries()) {
    const parsed = await parseSopFile(`sop-${i}.md`, utf8(text));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const imported = await importParsed(source, index, parsed.value);
    if (!imported.ok) throw new Error(imported.error.message);
  }
  return exportBundle(source);
}

/** The fake of chrome.storage.managed: a plain object behind the one call the code uses. */
const area = (policy: Record<string, unknown>): ManagedStorageArea => ({ get: async () => structuredClone(policy) });

let db: TriageDatabase;
let index: SopIndex;
let patches: ManagedSettingsPatch[];
let fetched: string[];
beforeEach(async () => {
  db = await freshDb();
  index = SopIndex.empty();
  patches = [];
  fetched = [];
});

const deps = (policy: Record<string, unknown>, serve: (url: string) => Response = () => new Response('not found', { status: 404 })) => ({
  db,
  index: async () => index,
  area: area(policy),
  fetch: (async (input: string | URL | Request) => {
    const url = String(input);
    fetched.push(url);
    return serve(url);
  }) as typeof fetch,
  applySettings: async (patch: ManagedSettingsPatch) => void patches.push(patch),
  now: () => 1_700_000_000_000,
});

describe('managed policy', () => {
  it('does nothing without a policy', async () => {
    const status = await applyManagedPolicy(deps({}));
    expect(status.state).toBe('none');
    expect(await listSops(db)).toEqual([]);
    expect(patches).toEqual([]);
  });

  it('imports an inline bundle as managed, applies the settings, and the passages are searchable', async () => {
    const bundle = await bundleOf(PALLETS, RETURNS);
    const status = await applyManagedPolicy(deps({ sopBundle: bundle, engine: 'local', panelEnabled: { hubspot: false } }));
    expect(status).toMatchObject({ state: 'applied', source: 'inline', added: ['lost-pallets', 'returns'], settings: ['engine', 'panelEnabled'], bundleCreatedAt: bundle.createdAt });
    expect(patches).toEqual([{ engine: 'local', panelEnabled: { hubspot: false } }]);
    expect((await listSops(db)).map((r) => [r.sopId, r.managed])).toEqual([['lost-pallets', true], ['returns', true]]);
    expect(retrieve(index, 'lost pallet claim carrier bill of lading').passages[0]?.sopId).toBe('lost-pallets');
    expect(await loadManagedStatus(db)).toEqual(status);
  });

  it('accepts an inline bundle whose nulls a policy dropped', async () => {
    const bundle = await bundleOf(RETURNS);
    const withoutNulls = { ...bundle, sops: bundle.sops.map(({ effectiveDate: _e, ...sop }) => sop) };
    const status = await applyManagedPolicy(deps({ sopBundle: withoutNulls }));
    expect(status).toMatchObject({ state: 'applied', added: ['returns'] });
  });

  it('fetches a bundle URL, and a later bundle without an SOP retires it', async () => {
    const both = await bundleOf(PALLETS, RETURNS);
    const url = 'https://intranet.example/sops/bundle.json';
    let served: SopBundle = both;
    const policy = { sopBundleUrl: url };
    const first = await applyManagedPolicy(deps(policy, () => Response.json(served)));
    expect(first).toMatchObject({ state: 'applied', source: 'url', url, added: ['lost-pallets', 'returns'] });
    expect(fetched).toEqual([url]);

    served = { ...both, sops: both.sops.filter((s) => s.id === 'returns') };
    const second = await applyManagedPolicy(deps(policy, () => Response.json(served)));
    expect(second).toMatchObject({ state: 'applied', unchanged: ['returns'], retired: ['lost-pallets'] });
    expect(retrieve(index, 'lost pallet claim carrier bill of lading').passages.some((p) => p.sopId === 'lost-pallets')).toBe(false);
    // The index snapshot the background loads after a restart agrees.
    expect((await loadIndex(db)).sopIds()).toEqual(['returns']);
  });

  it('records an unreachable URL as a failure and keeps the current library', async () => {
    await applyManagedPolicy(deps({ sopBundle: await bundleOf(RETURNS) }));
    const status = await applyManagedPolicy(deps({ sopBundleUrl: 'https://intranet.example/missing.json' }));
    expect(status).toMatchObject({ state: 'failed', source: 'url', error: { code: 'managed.bundle_unreachable' } });
    if (status.state === 'failed') expect(status.error.message).toContain('HTTP 404');
    expect((await listSops(db)).map((r) => r.sopId)).toEqual(['returns']);
  });

  it('refuses a tampered bundle and imports nothing of it', async () => {
    const bundle = await bundleOf(PALLETS, RETURNS);
    const tampered = { ...bundle, sops: bundle.sops.map((s, i) => (i === 1 ? { ...s, text: `${s.text} Refunds are always granted.` } : s)) };
    const status = await applyManagedPolicy(deps({ sopBundle: tampered }));
    expect(status).toMatchObject({ state: 'failed', source: 'inline', error: { code: 'sop.bundle_refused' } });
    if (status.state === 'failed') expect(status.error.message).toContain('does not match its checksum');
    expect(await listSops(db)).toEqual([]);
  });

  it('reports an invalid policy with the field at fault, and a plain-http URL is invalid', async () => {
    const wrongEngine = await readManagedPolicy(area({ engine: 'gpt' }));
    expect(wrongEngine.ok).toBe(false);
    if (!wrongEngine.ok) expect(wrongEngine.error.message).toContain('engine');
    const status = await applyManagedPolicy(deps({ sopBundleUrl: 'http://intranet.example/b.json' }));
    expect(status).toMatchObject({ state: 'failed', source: 'policy', error: { code: 'managed.invalid_policy' } });
    expect(fetched).toEqual([]);
    const broken = await readManagedPolicy({ get: async () => Promise.reject(new Error('managed storage unavailable')) });
    expect(broken.ok).toBe(false);
  });

  it('keeps managed SOPs read-only to reps: file imports and lane edits are refused', async () => {
    await applyManagedPolicy(deps({ sopBundle: await bundleOf(PALLETS) }));
    const edited = PALLETS.replace('5 business days', '3 business days');
    const [outcome] = await importFiles(db, index, [{ name: 'lost-pallets.md', bytes: utf8(edited) }], { parse: parseSopFile });
    expect(outcome).toMatchObject({ status: 'rejected', code: 'sop.managed' });
    const lanes = await setSopLanes(db, index, 'lost-pallets', ['rfq-response']);
    expect(lanes).toMatchObject({ ok: false, error: { code: 'sop.managed' } });
    expect((await listSops(db))[0]).toMatchObject({ version: 1, lanes: ['support-replies'] });
  });
});

describe('managed lanes', () => {
  const teamLanes = () => {
    const lanes = structuredClone(defaultLanes);
    lanes[0]!.categories.push({ id: 'warranty_claim', label: 'Warranty claim', intent: 'claim under warranty', owner: 'Warranty desk', description: '', examples: ['Is the broken hinge covered by the warranty?'], sopTags: [], riskAcknowledgements: [], reply: 'draft' });
    return lanes;
  };

  it('a policy with lanes puts them in force as managed, even when its bundle cannot be downloaded; the editor is refused', async () => {
    const status = await applyManagedPolicy(deps({ lanes: teamLanes(), sopBundleUrl: 'https://intranet.example/missing.json' }));
    expect(status.state).toBe('failed');
    expect(await loadLanesPolicy(db)).toEqual({ managed: true, at: 1_700_000_000_000, error: null });
    expect(findCategory(await loadLanes(db), 'warranty_claim')?.category.owner).toBe('Warranty desk');
    expect((await db.laneVersions.toArray()).map((v) => v.source)).toEqual(['policy']);
    expect(await saveLanes(db, defaultLanes, 'editor')).toMatchObject({ ok: false, error: { code: 'lanes.managed' } });
  });

  it('a policy without lanes, or no policy, leaves the lanes editable', async () => {
    await applyManagedPolicy(deps({ lanes: teamLanes() }));
    await applyManagedPolicy(deps({ engine: 'local' }));
    expect((await loadLanesPolicy(db)).managed).toBe(false);
    await applyManagedPolicy(deps({ lanes: teamLanes() }));
    await applyManagedPolicy(deps({}));
    expect((await loadLanesPolicy(db)).managed).toBe(false);
    expect((await saveLanes(db, defaultLanes, 'editor')).ok).toBe(true);
  });

  it('the policy schema Chrome checks describes every lane and category field', () => {
    const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../public/managed_schema.json'), 'utf8'));
    const lane = schema.properties.lanes.items.properties;
    expect(Object.keys(lane).sort()).toEqual(Object.keys(laneSchema.shape).sort());
    expect(Object.keys(lane.categories.items.properties).sort()).toEqual(Object.keys(categorySchema.shape).sort());
    expect(Object.keys(lane.qualityChecks.properties).sort()).toEqual(Object.keys(laneSchema.shape.qualityChecks.shape).sort());
    expect(Object.keys(lane.failureFeedback.properties).sort()).toEqual(Object.keys(laneSchema.shape.failureFeedback.shape).sort());
  });
});
