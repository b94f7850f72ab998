import type { PassageRow, SopRow, TriageDatabase } from '@/lib/db/database';
import { fail, ok, type Result } from '@/lib/schemas/errors';
import type { Passage } from '@/lib/schemas/sop';
import { chunkSop } from './chunk';
import type { ParsedSop } from './parse/parsed-sop';
import { SopIndex } from './sop-index';
import { appendAudit } from '@/lib/db/audit';

/**
 * The SOP library over the Dexie database: import, replace a version, retire, delete, list; and the search index
 * that mirrors the active passages, persisted as one snapshot in `blobs` under 'sop-index'.
 * Rows and passages change in one transaction; the in-memory index follows once it has committed, and the snapshot
 * is written after. If a snapshot is missing, damaged or out of step, `loadIndex` rebuilds it from the passages.
 */

export const SOP_INDEX_BLOB_KEY = 'sop-index';

export interface ImportOptions {
  /** Overrides the id from front matter or title. */
  sopId?: string;
  /** Overrides the lanes from front matter. */
  lanes?: string[];
  /** True for SOPs a team bundle manages (shown read-only in the options page). */
  managed?: boolean;
  /** False to skip writing the index snapshot (batch imports write it once at the end). */
  persistIndex?: boolean;
  now?: number;
}

export interface ImportedSop {
  sop: SopRow;
  passages: Passage[];
}

const LANE_ID = /^[a-z0-9-]+$/;

/** A stable id from a title: "Billing disputes & chargebacks" -> "billing-disputes-chargebacks". */
export function sopIdFromTitle(title: string): string {
  const slug = title.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return slug || 'sop';
}

const validSopId = (id: string | null | undefined): string | null => (id && /^[a-z0-9][a-z0-9-]{0,63}$/.test(id) ? id : null);

/** The id an SOP gets: the caller's, else its front matter's (when well-formed), else one from its title. */
export function resolveSopId(parsed: ParsedSop, override?: string): string {
  return validSopId(override) ?? validSopId(parsed.meta.id) ?? sopIdFromTitle(parsed.title);
}

const toPassageRow = (p: Passage, active: 0 | 1): PassageRow => ({ ...p, active });

/** The newest non-superseded row of an SOP (active or retired), if any. */
export async function getSop(db: TriageDatabase, sopId: string): Promise<SopRow | undefined> {
  const rows = await db.sops.where('sopId').equals(sopId).toArray();
  return rows.filter((r) => r.status !== 'superseded').sort((a, b) => b.version - a.version)[0];
}

/** Every version of an SOP, newest first. */
export async function sopHistory(db: TriageDatabase, sopId: string): Promise<SopRow[]> {
  return (await db.sops.where('sopId').equals(sopId).toArray()).sort((a, b) => b.version - a.version);
}

/** The library as the options page lists it: current versions (active and retired), by title. */
export async function listSops(db: TriageDatabase): Promise<SopRow[]> {
  const rows = await db.sops.where('status').anyOf('active', 'retired').toArray();
  return rows.sort((a, b) => a.title.localeCompare(b.title));
}

/** Hashes of the files behind current SOPs: importing one of these again is a duplicate. */
export async function knownHashes(db: TriageDatabase): Promise<Set<string>> {
  return new Set((await listSops(db)).map((r) => r.sha256));
}

export async function saveIndexSnapshot(db: TriageDatabase, index: SopIndex, now = Date.now()): Promise<void> {
  await db.blobs.put({ key: SOP_INDEX_BLOB_KEY, value: index.snapshot(), updatedAt: now });
}

/** Rebuilds the index from the active passages and saves its snapshot. */
export async function rebuildIndex(db: TriageDatabase): Promise<SopIndex> {
  const rows = await db.passages.where('active').equals(1).toArray();
  const index = SopIndex.fromPassages(rows.map(({ active: _active, ...passage }) => passage));
  await saveIndexSnapshot(db, index);
  return index;
}

/**
 * The index for a (re)started background: the saved snapshot when it holds the library in force, otherwise a
 * rebuild. This catches a snapshot that missed an import, replace, retirement or delete.
 */
export async function loadIndex(db: TriageDatabase): Promise<SopIndex> {
  const blob = await db.blobs.get(SOP_INDEX_BLOB_KEY);
  if (blob) {
    const loaded = SopIndex.fromSnapshot(blob.value);
    if (loaded.ok && (await holdsLibrary(db, loaded.value))) return loaded.value;
  }
  return rebuildIndex(db);
}

/**
 * Whether an index holds the active SOP versions. A passage's id is made from its SOP version, and a version's
 * passages are written and retired with its row, in the same transaction, so the versions say which passages are
 * active without reading or counting 20,000 passage rows (counting them was 140–220 ms of a service worker's start).
 */
async function holdsLibrary(db: TriageDatabase, index: SopIndex): Promise<boolean> {
  const versions = await db.sops.where('status').equals('active').primaryKeys();
  const held = new Set(index.sopVersionIds());
  return versions.length === held.size && versions.every((id) => held.has(id));
}

interface NewVersion {
  row: SopRow;
  passages: Passage[];
}

function buildVersion(parsed: ParsedSop, sopId: string, version: number, options: ImportOptions, now: number): NewVersion {
  const lanes = (options.lanes ?? parsed.meta.lanes).filter((lane) => LANE_ID.test(lane));
  const passages = chunkSop({ sopId, sopVersion: version, sopTitle: parsed.title, lanes, text: parsed.text });
  const row: SopRow = {
    id: `${sopId}@${version}`,
    sopId,
    title: parsed.title,
    version,
    versionLabel: parsed.meta.versionLabel,
    lanes,
    owner: parsed.meta.owner ?? '',
    effectiveDate: parsed.meta.effectiveDate,
    sourceName: parsed.sourceName,
    sha256: parsed.sha256,
    bytes: parsed.bytes,
    text: parsed.text,
    status: 'active',
    managed: options.managed ?? false,
    updatedAt: now,
    chunkCount: passages.length,
  };
  return { row, passages };
}

const auditData = (row: SopRow) => ({ sopId: row.sopId, version: row.version, sha256: row.sha256, chunkCount: row.chunkCount, bytes: row.bytes, source: 'file' as const });

function storageFailure(error: unknown): Result<never> {
  const reason = error instanceof Error ? error.message : String(error);
  return fail('sop.storage_failed', `The SOP library could not be saved (${reason.slice(0, 120)}). Nothing was changed.`, 'Try again; if it keeps failing, check the browser has free disk space.');
}

/** Thrown inside a transaction to abort it when the id is taken; turned into a Result outside. */
class SopExistsError extends Error {
  constructor(readonly sopId: string) {
    super(`SOP ${sopId} exists`);
  }
}

/** Adds a new SOP (version 1). An SOP with the same id must be replaced with `replaceVersion` instead. */
export async function importParsed(db: TriageDatabase, index: SopIndex, parsed: ParsedSop, options: ImportOptions = {}): Promise<Result<ImportedSop>> {
  const sopId = resolveSopId(parsed, options.sopId);
  const now = options.now ?? Date.now();
  const made = buildVersion(parsed, sopId, 1, options, now);
  try {
    await db.transaction('rw', [db.sops, db.passages, db.audit], async () => {
      if ((await db.sops.where('sopId').equals(sopId).count()) > 0) throw new SopExistsError(sopId);
      await db.sops.add(made.row);
      await db.passages.bulkAdd(made.passages.map((p) => toPassageRow(p, 1)));
      await appendAudit(db, { kind: 'sop.imported', subject: null, lane: null, data: auditData(made.row) }, now);
    });
  } catch (error) {
    if (error instanceof SopExistsError) {
      return fail('sop.exists', `An SOP with the id "${sopId}" is already in the library.`, 'Replace its version instead, or give the new file a different id or title.');
    }
    return storageFailure(error);
  }
  index.add(made.passages);
  if (options.persistIndex !== false) await saveIndexSnapshot(db, index, now);
  return ok({ sop: made.row, passages: made.passages });
}

/** Makes `parsed` the new active version of an SOP; the previous version stays in history as 'superseded'. */
export async function replaceVersion(db: TriageDatabase, index: SopIndex, sopId: string, parsed: ParsedSop, options: ImportOptions = {}): Promise<Result<ImportedSop>> {
  const now = options.now ?? Date.now();
  const current = await getSop(db, sopId);
  if (!current) return fail('sop.not_found', `There is no SOP "${sopId}" to replace.`, 'Import it as a new SOP instead.');
  const made = buildVersion(parsed, sopId, current.version + 1, { lanes: current.lanes, managed: current.managed, ...options }, now);
  try {
    await db.transaction('rw', [db.sops, db.passages, db.audit], async () => {
      await db.sops.update(current.id, { status: 'superseded', updatedAt: now });
      await db.passages.where('sopId').equals(sopId).modify({ active: 0 });
      await db.sops.add(made.row);
      await db.passages.bulkAdd(made.passages.map((p) => toPassageRow(p, 1)));
      await appendAudit(db, { kind: 'sop.replaced', subject: null, lane: null, data: { ...auditData(made.row), previousVersion: current.version, previousSha256: current.sha256 } }, now);
    });
  } catch (error) {
    return storageFailure(error);
  }
  index.replaceSop(sopId, made.passages);
  if (options.persistIndex !== false) await saveIndexSnapshot(db, index, now);
  return ok({ sop: made.row, passages: made.passages });
}

/** Takes an SOP out of retrieval but keeps it listed (and restorable by importing a new version). */
export async function retire(db: TriageDatabase, index: SopIndex, sopId: string, now = Date.now()): Promise<Result<SopRow>> {
  const current = await getSop(db, sopId);
  if (!current || current.status !== 'active') return fail('sop.not_found', `There is no active SOP "${sopId}" to retire.`, 'Refresh the library list.');
  try {
    await db.transaction('rw', [db.sops, db.passages, db.audit], async () => {
      await db.sops.update(current.id, { status: 'retired', updatedAt: now });
      await db.passages.where('sopId').equals(sopId).modify({ active: 0 });
      await appendAudit(db, { kind: 'sop.retired', subject: null, lane: null, data: { sopId, version: current.version, sha256: current.sha256 } }, now);
    });
  } catch (error) {
    return storageFailure(error);
  }
  index.removeSop(sopId);
  await saveIndexSnapshot(db, index, now);
  return ok({ ...current, status: 'retired', updatedAt: now });
}

/** Removes an SOP and all its versions and passages. The audit log keeps that it existed (ids and hashes only). */
export async function deleteSop(db: TriageDatabase, index: SopIndex, sopId: string, now = Date.now()): Promise<Result<{ versions: number }>> {
  const versions = await sopHistory(db, sopId);
  if (versions.length === 0) return fail('sop.not_found', `There is no SOP "${sopId}" to delete.`, 'Refresh the library list.');
  try {
    await db.transaction('rw', [db.sops, db.passages, db.audit], async () => {
      await db.sops.where('sopId').equals(sopId).delete();
      await db.passages.where('sopId').equals(sopId).delete();
      await appendAudit(db, { kind: 'sop.deleted', subject: null, lane: null, data: { sopId, versions: versions.map((v) => ({ version: v.version, sha256: v.sha256 })) } }, now);
    });
  } catch (error) {
    return storageFailure(error);
  }
  index.removeSop(sopId);
  await saveIndexSnapshot(db, index, now);
  return ok({ versions: versions.length });
}
