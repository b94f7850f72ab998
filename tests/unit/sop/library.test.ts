import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TriageDatabase } from '@/lib/db/database';
import { exportBundle, importBundle } from '@/lib/sop/bundle';
import { importFiles, type ImportProgress } from '@/lib/sop/import-job';
import { deleteSop, getSop, importParsed, listSops, loadIndex, replaceVersion, retire, SOP_INDEX_BLOB_KEY, sopHistory } from '@/lib/sop/library';
import { parseSopFile } from '@/lib/sop/parse/parse-sop-file';
import type { ParsedSop } from '@/lib/sop/parse/parsed-sop';
import { retrieve } from '@/lib/sop/retrieve';
import { SopIndex } from '@/lib/sop/sop-index';

const utf8 = (text: string) => new TextEncoder().encode(text);
let db: TriageDatabase;
let n = 0;

beforeEach(async () => {
  db = new TriageDatabase(`sop-library-test-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

async function parsed(name: string, text: string): Promise<ParsedSop> {
  const result = await parseSopFile(name, utf8(text));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const REFUNDS_V1 = '---\nid: refunds\nlanes: [support-replies]\nowner: Billing\n---\n# Refunds\n\n## Annual plans\n\nAnnual plans cancelled within 14 days get a full refund; after that, unused whole months are pro-rated.';
const REFUNDS_V2 = '---\nid: refunds\nlanes: [support-replies]\nowner: Billing\n---\n# Refunds\n\n## Annual plans\n\nAnnual plans cancelled within 30 days get a full refund; after that, store credit only.';

describe('SOP library', () => {
  it('imports, replaces a version, retires and deletes, keeping history, index and audit in step', async () => {
    const index = SopIndex.empty();
    const first = await importParsed(db, index, await parsed('refunds.md', REFUNDS_V1));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value.sop).toMatchObject({ id: 'refunds@1', sopId: 'refunds', version: 1, status: 'active', lanes: ['support-replies'], owner: 'Billing' });
    expect(retrieve(index, 'full refund within 14 days').passages[0]?.id).toBe('refunds@1#0');

    const again = await importParsed(db, index, await parsed('refunds-copy.md', REFUNDS_V2));
    expect(again.ok || again.error.code).toBe('sop.exists');

    const second = await replaceVersion(db, index, 'refunds', await parsed('refunds.md', REFUNDS_V2));
    expect(second.ok && second.value.sop.version).toBe(2);
    expect((await sopHistory(db, 'refunds')).map((r) => [r.version, r.status])).toEqual([[2, 'active'], [1, 'superseded']]);
    expect(await db.passages.where('sopId').equals('refunds').filter((p) => p.active === 1).primaryKeys()).toEqual(['refunds@2#0']);
    const hits = retrieve(index, 'full refund within 30 days store credit', { k: 5 }).passages;
    expect(hits.map((p) => p.id)).toEqual(['refunds@2#0']);

    expect((await retire(db, index, 'refunds')).ok).toBe(true);
    expect((await getSop(db, 'refunds'))?.status).toBe('retired');
    expect(retrieve(index, 'full refund store credit').passages).toEqual([]);
    expect(await db.passages.where('active').equals(1).count()).toBe(0);

    expect((await deleteSop(db, index, 'refunds')).ok).toBe(true);
    expect(await db.sops.count()).toBe(0);
    expect(await db.passages.count()).toBe(0);

    const audit = await db.audit.toArray();
    expect(audit.map((a) => a.kind)).toEqual(['sop.imported', 'sop.replaced', 'sop.retired', 'sop.deleted']);
    // Audit data holds ids and hashes, never SOP text.
    expect(JSON.stringify(audit)).not.toContain('Annual plans');
  });

  it('loads the persisted index after a restart, and rebuilds it when missing, corrupt or stale', async () => {
    const index = SopIndex.empty();
    await importParsed(db, index, await parsed('refunds.md', REFUNDS_V1));
    const snapshot = await db.blobs.get(SOP_INDEX_BLOB_KEY);
    expect(snapshot?.value).toMatchObject({ format: 'calm-triage-sop-index' });

    const restarted = await loadIndex(db);
    expect(restarted.passageCount).toBe(1);
    expect(retrieve(restarted, 'pro-rated unused months').passages[0]?.id).toBe('refunds@1#0');

    await db.blobs.put({ key: SOP_INDEX_BLOB_KEY, value: '{"broken', updatedAt: 0 });
    expect((await loadIndex(db)).passageCount).toBe(1);
    expect((await db.blobs.get(SOP_INDEX_BLOB_KEY))?.value).toMatchObject({ format: 'calm-triage-sop-index' });

    // A snapshot that missed a change (here: an empty one) is out of step with the passages: rebuilt.
    await db.blobs.put({ key: SOP_INDEX_BLOB_KEY, value: SopIndex.empty().snapshot(), updatedAt: 0 });
    expect((await loadIndex(db)).passageCount).toBe(1);

    // A snapshot from before a new version, with as many passages as the new one: rebuilt on the new version.
    const beforeReplace = (await db.blobs.get(SOP_INDEX_BLOB_KEY))!.value;
    expect((await replaceVersion(db, index, 'refunds', await parsed('refunds.md', REFUNDS_V2))).ok).toBe(true);
    await db.blobs.put({ key: SOP_INDEX_BLOB_KEY, value: beforeReplace, updatedAt: 0 });
    const afterReplace = await loadIndex(db);
    expect(afterReplace.sopVersionIds()).toEqual(['refunds@2']);
    expect(retrieve(afterReplace, 'full refund within 30 days store credit').passages[0]?.id).toBe('refunds@2#0');

    // And one from before a retirement.
    const beforeRetire = (await db.blobs.get(SOP_INDEX_BLOB_KEY))!.value;
    expect((await retire(db, index, 'refunds')).ok).toBe(true);
    await db.blobs.put({ key: SOP_INDEX_BLOB_KEY, value: beforeRetire, updatedAt: 0 });
    expect((await loadIndex(db)).passageCount).toBe(0);
  });
});

describe('SOP bundles', () => {
  it('round-trips through export and import into another library', async () => {
    const index = SopIndex.empty();
    await importParsed(db, index, await parsed('refunds.md', REFUNDS_V1));
    await importParsed(db, index, await parsed('access.md', '---\nlanes: [support-replies]\n---\n# Account access\n\nNever reset a password from an email request alone.'));
    const bundle = await exportBundle(db, new Date('2024-05-01T00:00:00Z'));
    expect(bundle.sops.map((s) => s.id)).toEqual(['account-access', 'refunds']);

    const other = new TriageDatabase(`sop-bundle-target-${n}`);
    const otherIndex = SopIndex.empty();
    const imported = await importBundle(other, otherIndex, JSON.stringify(bundle));
    expect(imported.ok && imported.value).toEqual({ added: ['account-access', 'refunds'], replaced: [], unchanged: [] });
    expect((await listSops(other)).map((s) => [s.sopId, s.managed, s.text])).toEqual(bundle.sops.map((s) => [s.id, true, s.text]));
    expect(retrieve(otherIndex, 'reset a password from an email').passages[0]?.sopId).toBe('account-access');
    // Importing the same bundle again changes nothing.
    const again = await importBundle(other, otherIndex, JSON.stringify(bundle));
    expect(again.ok && again.value.unchanged).toEqual(['account-access', 'refunds']);
    await other.delete();
  });

  it('refuses a tampered, corrupt or foreign bundle and writes nothing', async () => {
    const index = SopIndex.empty();
    await importParsed(db, index, await parsed('refunds.md', REFUNDS_V1));
    const bundle = await exportBundle(db);
    const target = new TriageDatabase(`sop-bundle-tamper-${n}`);
    const targetIndex = SopIndex.empty();

    const good = { id: 'shipping', title: 'Shipping', version: 1, lanes: [], owner: '', effectiveDate: null, text: '# Shipping\n\nShip fast.', sha256: '' };
    good.sha256 = [...new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(good.text)))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const tampered = { ...bundle, sops: [good, ...bundle.sops.map((s) => ({ ...s, text: s.text.replace('14 days', '90 days') }))] };
    const cases = [JSON.stringify(tampered), JSON.stringify(bundle).slice(0, 80), JSON.stringify({ ...bundle, format: 'other' }), '[]'];
    for (const json of cases) {
      const result = await importBundle(target, targetIndex, json);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/Nothing was changed/);
    }
    const tamperResult = await importBundle(target, targetIndex, cases[0] as string);
    expect(!tamperResult.ok && tamperResult.error.message).toMatch(/does not match its checksum/);
    expect(await target.sops.count()).toBe(0);
    expect(await target.passages.count()).toBe(0);
    expect(targetIndex.passageCount).toBe(0);
    await target.delete();
  });
});

describe('importFiles', () => {
  it('imports the good files and rejects the bad ones with reasons, reporting progress', async () => {
    const index = SopIndex.empty();
    const files = [
      { name: 'refunds.md', bytes: utf8(REFUNDS_V1) },
      { name: 'empty.md', bytes: new Uint8Array(0) },
      { name: 'binary.txt', bytes: new Uint8Array([0, 159, 146, 150, 0, 1, 2]) },
      { name: 'photo.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff]) },
      { name: 'huge.md', bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61) },
      { name: 'refunds-copy.md', bytes: utf8(REFUNDS_V1) },
      { name: 'shipping.html', bytes: utf8('<h1>Shipping</h1><p>Damaged parcels get a replacement.</p>') },
      { name: 'refunds-v2.md', bytes: utf8(REFUNDS_V2) },
    ];
    const progress: ImportProgress[] = [];
    const outcomes = await importFiles(db, index, files, { parse: parseSopFile, onProgress: (p) => progress.push(p) });
    expect(outcomes.map((o) => (o.status === 'imported' ? `ok:${o.sopId}@${o.version}` : o.code))).toEqual([
      'ok:refunds@1', 'sop.empty', 'sop.not_text', 'sop.unsupported_type', 'sop.too_large', 'sop.duplicate', 'ok:shipping@1', 'ok:refunds@2',
    ]);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toContain(o.name);
    expect(progress[0]).toMatchObject({ done: 0, total: 8, bytes: 0, current: 'refunds.md' });
    expect(progress.at(-1)).toMatchObject({ done: 8, total: 8, current: null, etaMs: 0 });
    expect(progress.at(-1)?.bytes).toBe(progress.at(-1)?.totalBytes);
    // The snapshot written at the end matches what was imported.
    expect((await loadIndex(db)).passageCount).toBe(index.passageCount);
    expect(retrieve(index, 'damaged parcels replacement').passages[0]?.sopId).toBe('shipping');
  });
});
