import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TriageDatabase } from '@/lib/db/database';
import { runImportRequest } from '@/lib/sop/import-runner';
import { parseSopFile } from '@/lib/sop/parse/parse-sop-file';
import { importReplySchema, importRequestSchema, type ImportReply } from '@/lib/sop/import-worker-protocol';
import { getSop, listSops, loadIndex, sopHistory } from '@/lib/sop/library';
import { fileFromPaste } from '@/lib/sop/picked-files';
import { retrieve } from '@/lib/sop/retrieve';
import { setSopLanes } from '@/lib/sop/sop-lanes';

const md = (name: string, text: string) => ({ name, blob: new Blob([text], { type: 'text/markdown' }) });
const PALLETS = '---\nid: lost-pallets\n---\n# Lost pallet claims\n\nFile a lost pallet claim with the carrier within 5 business days, with the bill of lading.';

let db: TriageDatabase;
let n = 0;
beforeEach(async () => {
  db = new TriageDatabase(`import-runner-test-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

async function run(request: unknown): Promise<ImportReply[]> {
  const parsed = importRequestSchema.parse(request);
  const replies: ImportReply[] = [];
  // Every reply is checked as the page's UI reads it.
  await runImportRequest(db, parsed, (reply) => replies.push(importReplySchema.parse(structuredClone(reply))), parseSopFile);
  return replies;
}

describe('import jobs on the options page, files parsed by the worker', () => {
  it('refuses malformed requests', () => {
    expect(importRequestSchema.safeParse({ type: 'import', jobId: 'j', files: [] }).success).toBe(false);
    expect(importRequestSchema.safeParse({ type: 'import', jobId: 'j', files: [{ name: 'a.md', blob: 'text' }] }).success).toBe(false);
    expect(importRequestSchema.safeParse({ type: 'delete', jobId: 'j' }).success).toBe(false);
    expect(importReplySchema.safeParse({ type: 'done', jobId: 'j', outcomes: [{ name: 'a', status: 'maybe' }], ms: 1 }).success).toBe(false);
    // pdf.js's own announcement on the worker's global scope is not one of ours.
    expect(importReplySchema.safeParse({ sourceName: 'worker', targetName: 'main', action: 'ready', data: null }).success).toBe(false);
  });

  it('imports a batch with progress, one outcome per file, and a bad file does not stop the others', async () => {
    const replies = await run({
      type: 'import',
      jobId: 'job-1',
      files: [md('pallets.md', PALLETS), md('empty.md', ''), { name: 'tool.exe', blob: new Blob([new Uint8Array([0x4d, 0x5a, 0])]) }, fileFromPaste('Returns', 'Unopened goods may be returned within 30 days.')],
    });
    const progress = replies.filter((r) => r.type === 'progress');
    expect(progress.map((p) => p.progress.done)).toEqual([0, 1, 2, 3, 4]);
    expect(progress.at(-1)?.progress).toMatchObject({ total: 4, current: null });
    const done = replies.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done') return;
    expect(done.outcomes.map((o) => [o.name, o.status, o.status === 'rejected' ? o.code : o.sopId])).toEqual([
      ['pallets.md', 'imported', 'lost-pallets'],
      ['empty.md', 'rejected', 'sop.empty'],
      ['tool.exe', 'rejected', 'sop.unsupported_type'],
      ['Returns.md', 'imported', 'returns'],
    ]);
    // The background's next load of the index (after sop.changed) finds the new passages.
    expect(retrieve(await loadIndex(db), 'lost pallet claim bill of lading').passages[0]?.sopId).toBe('lost-pallets');
  });

  it('replaces a chosen SOP with a new version, whatever id the file names, keeping the old in history', async () => {
    await run({ type: 'import', jobId: 'a', files: [md('pallets.md', PALLETS)] });
    const edited = '# Pallets (revised)\n\nFile a lost pallet claim within 3 business days.';
    const replies = await run({ type: 'replace', jobId: 'b', sopId: 'lost-pallets', file: md('pallets-v2.md', edited) });
    expect(replies.at(-1)).toMatchObject({ type: 'done', outcomes: [{ status: 'imported', sopId: 'lost-pallets', version: 2, replaced: true }] });
    expect((await sopHistory(db, 'lost-pallets')).map((r) => [r.version, r.status])).toEqual([[2, 'active'], [1, 'superseded']]);
    const again = await run({ type: 'replace', jobId: 'c', sopId: 'lost-pallets', file: md('same.md', edited) });
    expect(again.at(-1)).toMatchObject({ outcomes: [{ status: 'rejected', code: 'sop.duplicate' }] });
  });

  it('refuses to replace a policy-managed SOP', async () => {
    await run({ type: 'import', jobId: 'a', files: [md('pallets.md', PALLETS)] });
    const row = await getSop(db, 'lost-pallets');
    await db.sops.update(row!.id, { managed: true });
    const replies = await run({ type: 'replace', jobId: 'b', sopId: 'lost-pallets', file: md('v2.md', '# Pallets\n\nNew text.') });
    expect(replies.at(-1)).toMatchObject({ outcomes: [{ status: 'rejected', code: 'sop.managed' }] });
    expect((await listSops(db))[0]?.version).toBe(1);
  });
});

describe('lane tags', () => {
  it('re-tags the row and its passages and re-indexes, so lane-filtered retrieval follows', async () => {
    await run({ type: 'import', jobId: 'a', files: [md('pallets.md', PALLETS.replace('id: lost-pallets', 'id: lost-pallets\nlanes: [rfq-response]'))] });
    const index = await loadIndex(db);
    const query = 'lost pallet claim bill of lading';
    expect(retrieve(index, query, { lane: 'support-replies' }).passages).toEqual([]);
    const tagged = await setSopLanes(db, index, 'lost-pallets', ['support-replies', 'shared-inbox-triage', 'support-replies']);
    expect(tagged).toMatchObject({ ok: true, value: { lanes: ['shared-inbox-triage', 'support-replies'] } });
    expect(retrieve(index, query, { lane: 'support-replies' }).passages[0]?.lanes).toEqual(['shared-inbox-triage', 'support-replies']);
    expect(retrieve(index, query, { lane: 'rfq-response' }).passages).toEqual([]);
    // Persisted: a restarted background sees the same.
    expect(retrieve(await loadIndex(db), query, { lane: 'support-replies' }).passages).toHaveLength(1);
    expect((await db.passages.where('sopId').equals('lost-pallets').first())?.lanes).toEqual(['shared-inbox-triage', 'support-replies']);
  });
});
