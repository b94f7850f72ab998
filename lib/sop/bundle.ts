import { z } from 'zod';
import type { SopRow, TriageDatabase } from '@/lib/db/database';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import { sha256OfText } from '@/lib/common/sha256';
import { chunkSop } from './chunk';
import { listSops, saveIndexSnapshot } from './library';
import type { SopIndex } from './sop-index';
import type { Passage } from '@/lib/schemas/sop';
import { appendAudit } from '@/lib/db/audit';

/**
 * A team's SOP library as one JSON file: exported by an admin, imported by the team. Each SOP carries the SHA-256 of
 * its text; an import verifies every hash and the whole shape before writing anything, then writes all SOPs in one
 * transaction, so a corrupt or tampered bundle changes nothing.
 */

export const BUNDLE_FORMAT = 'calm-triage-sop-bundle';

const bundleSopSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  title: z.string().min(1).max(300),
  version: z.number().int().positive(),
  lanes: z.array(z.string().regex(/^[a-z0-9-]+$/)),
  owner: z.string().max(300),
  effectiveDate: z.string().max(40).nullable(),
  text: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const sopBundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  sops: z.array(bundleSopSchema),
});
export type SopBundle = z.infer<typeof sopBundleSchema>;

/** The active SOPs as a bundle (retired and superseded versions stay local). */
export async function exportBundle(db: TriageDatabase, now = new Date()): Promise<SopBundle> {
  const active = (await listSops(db)).filter((row) => row.status === 'active');
  const sops = await Promise.all(
    active.map(async (row) => ({
      id: row.sopId,
      title: row.title,
      version: row.version,
      lanes: row.lanes,
      owner: row.owner,
      effectiveDate: row.effectiveDate,
      text: row.text,
      sha256: await sha256OfText(row.text),
    })),
  );
  return { format: BUNDLE_FORMAT, version: 1, createdAt: now.toISOString(), sops };
}

export interface BundleImportSummary {
  added: string[];
  replaced: string[];
  unchanged: string[];
}

function refused(reason: string): Result<never> {
  return fail('sop.bundle_refused', `This SOP bundle was not imported: ${reason}. Nothing was changed.`, 'Ask whoever shared it to export the bundle again and send the file unchanged.');
}

export interface BundleImportOptions {
  /** Whether the imported SOPs are policy-managed (read-only to reps). Default true: bundles are the team's library. */
  managed?: boolean;
}

/** Verifies and imports a bundle (the file's text). SOPs whose text is unchanged are left as they are. */
export async function importBundle(
  db: TriageDatabase,
  index: SopIndex,
  json: string,
  now = Date.now(),
  { managed = true }: BundleImportOptions = {},
): Promise<Result<BundleImportSummary>> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return refused('the file is not valid JSON (it may be truncated)');
  }
  const parsed = sopBundleSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refused(`it is not a Calm Triage SOP bundle (${issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'wrong shape'})`);
  }
  const bundle = parsed.data;
  const ids = new Set<string>();
  for (const sop of bundle.sops) {
    if (ids.has(sop.id)) return refused(`the SOP id "${sop.id}" appears twice`);
    ids.add(sop.id);
    if ((await sha256OfText(sop.text)) !== sop.sha256) return refused(`the text of "${sop.title}" does not match its checksum (the file was changed or damaged)`);
  }

  // Work out every change before the transaction: hashing is async and must not run inside it.
  const current = new Map((await listSops(db)).map((row) => [row.sopId, row]));
  const summary: BundleImportSummary = { added: [], replaced: [], unchanged: [] };
  const writes: Array<{ row: SopRow; passages: Passage[]; previous: SopRow | undefined }> = [];
  for (const sop of bundle.sops) {
    const previous = current.get(sop.id);
    // Rows imported from files hash the file; bundles hash the text: compare texts.
    if (previous?.status === 'active' && (await sha256OfText(previous.text)) === sop.sha256) {
      summary.unchanged.push(sop.id);
      continue;
    }
    const version = previous ? Math.max(previous.version + 1, sop.version) : sop.version;
    const passages = chunkSop({ sopId: sop.id, sopVersion: version, sopTitle: sop.title, lanes: sop.lanes, text: sop.text });
    const row: SopRow = {
      id: `${sop.id}@${version}`, sopId: sop.id, title: sop.title, version, versionLabel: null, lanes: sop.lanes,
      owner: sop.owner, effectiveDate: sop.effectiveDate, sourceName: `bundle ${bundle.createdAt}`, sha256: sop.sha256,
      bytes: new TextEncoder().encode(sop.text).length, text: sop.text, status: 'active', managed, updatedAt: now,
      chunkCount: passages.length,
    };
    writes.push({ row, passages, previous });
    (previous ? summary.replaced : summary.added).push(sop.id);
  }

  try {
    await db.transaction('rw', [db.sops, db.passages, db.audit], async () => {
      for (const { row, passages, previous } of writes) {
        if (previous) {
          await db.sops.where('sopId').equals(row.sopId).modify({ status: 'superseded' });
          await db.passages.where('sopId').equals(row.sopId).modify({ active: 0 });
        }
        await db.sops.put(row);
        await db.passages.bulkPut(passages.map((p) => ({ ...p, active: 1 as const })));
        const data = { sopId: row.sopId, version: row.version, sha256: row.sha256, chunkCount: row.chunkCount, source: 'bundle' as const };
        await appendAudit(db, previous ? { kind: 'sop.replaced', subject: null, lane: null, data } : { kind: 'sop.imported', subject: null, lane: null, data }, now);
      }
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail('sop.storage_failed', `The SOP bundle could not be saved (${reason.slice(0, 120)}). Nothing was changed.`, 'Try again; if it keeps failing, check the browser has free disk space.');
  }
  for (const { row, passages } of writes) index.replaceSop(row.sopId, passages);
  if (writes.length > 0) await saveIndexSnapshot(db, index, now);
  return ok(summary);
}
