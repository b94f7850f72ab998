import type { TriageDatabase } from '@/lib/db/database';
import type { AppError } from '@/lib/schemas/errors';
import { importFiles, type ImportFile } from './import-job';
import type { FileOutcome } from '@/lib/schemas/sop';
import { getSop, knownHashes, loadIndex, replaceVersion } from './library';
import type { ImportReply, ImportRequest, WorkerFile } from './import-worker-protocol';
import { checkNotDuplicate, parseSopFile } from './parse/parse-sop-file';
import { MANAGED_READ_ONLY } from './managed-status';

/**
 * What the import worker does with one request, apart from the Worker plumbing so it runs in unit tests: load the
 * library's index from the database, import, and report progress and per-file outcomes through `post`.
 */

async function readFile(file: WorkerFile): Promise<ImportFile> {
  return { name: file.name, bytes: new Uint8Array(await file.blob.arrayBuffer()), mime: file.blob.type || undefined };
}

const rejectedBy = (name: string, error: AppError): FileOutcome => ({ name, status: 'rejected', code: error.code, reason: error.message, nextStep: error.nextStep });

async function replaceOne(db: TriageDatabase, sopId: string, file: WorkerFile): Promise<FileOutcome> {
  const current = await getSop(db, sopId);
  if (current?.managed) return rejectedBy(file.name, MANAGED_READ_ONLY);
  const read = await readFile(file);
  const parsed = await parseSopFile(read.name, read.bytes, read.mime);
  if (!parsed.ok) return rejectedBy(file.name, parsed.error);
  const fresh = checkNotDuplicate(parsed.value, await knownHashes(db));
  if (!fresh.ok) return rejectedBy(file.name, fresh.error);
  const result = await replaceVersion(db, await loadIndex(db), sopId, parsed.value);
  if (!result.ok) return rejectedBy(file.name, result.error);
  const { sop } = result.value;
  return { name: file.name, status: 'imported', sopId: sop.sopId, version: sop.version, chunkCount: sop.chunkCount, replaced: true };
}

export async function runImportRequest(db: TriageDatabase, request: ImportRequest, post: (reply: ImportReply) => void): Promise<void> {
  const { jobId } = request;
  const started = performance.now();
  const done = (outcomes: FileOutcome[]) => post({ type: 'done', jobId, outcomes, ms: performance.now() - started });
  if (request.type === 'replace') {
    done([await replaceOne(db, request.sopId, request.file)]);
    return;
  }
  const index = await loadIndex(db);
  const files = await Promise.all(request.files.map(readFile));
  const outcomes = await importFiles(db, index, files, { parse: parseSopFile, onProgress: (progress) => post({ type: 'progress', jobId, progress }) });
  done(outcomes);
}
