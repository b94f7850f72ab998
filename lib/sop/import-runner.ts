import type { TriageDatabase } from '@/lib/db/database';
import { fail, ok, type AppError, type Result } from '@/lib/schemas/errors';
import type { ParsedSop } from './parse/parsed-sop';
import { importFiles, type ImportFile, type ImportProgress } from './import-job';
import type { FileOutcome } from '@/lib/schemas/sop';
import { getSop, knownHashes, loadIndex, replaceVersion } from './library';
import type { ImportReply, ImportRequest, WorkerFile } from './import-worker-protocol';
import { checkNotDuplicate } from './parse/parse-sop-file';
import { MANAGED_READ_ONLY } from './managed-status';

/**
 * One import job on the options page: load the library's index, have each file parsed (in the parse worker, which
 * never sees the database), store what it returns, and report progress and per-file outcomes through `post`.
 */

export type ParseFile = (name: string, bytes: Uint8Array, mime?: string) => Promise<Result<ParsedSop>>;

async function readFile(file: WorkerFile): Promise<ImportFile> {
  return { name: file.name, bytes: new Uint8Array(await file.blob.arrayBuffer()), mime: file.blob.type || undefined };
}

const rejectedBy = (name: string, error: AppError): FileOutcome => ({ name, status: 'rejected', code: error.code, reason: error.message, nextStep: error.nextStep });

async function replaceOne(db: TriageDatabase, sopId: string, file: WorkerFile, parse: ParseFile): Promise<FileOutcome> {
  const current = await getSop(db, sopId);
  if (current?.managed) return rejectedBy(file.name, MANAGED_READ_ONLY);
  const read = await readFile(file);
  const parsed = await parse(read.name, read.bytes, read.mime);
  if (!parsed.ok) return rejectedBy(file.name, parsed.error);
  const fresh = checkNotDuplicate(parsed.value, await knownHashes(db));
  if (!fresh.ok) return rejectedBy(file.name, fresh.error);
  const result = await replaceVersion(db, await loadIndex(db), sopId, parsed.value);
  if (!result.ok) return rejectedBy(file.name, result.error);
  const { sop } = result.value;
  return { name: file.name, status: 'imported', sopId: sop.sopId, version: sop.version, chunkCount: sop.chunkCount, replaced: true };
}

export async function runImportRequest(db: TriageDatabase, request: ImportRequest, post: (reply: ImportReply) => void, parse: ParseFile): Promise<void> {
  const { jobId } = request;
  const started = performance.now();
  const done = (outcomes: FileOutcome[]) => post({ type: 'done', jobId, outcomes, ms: performance.now() - started });
  if (request.type === 'replace') {
    done([await replaceOne(db, request.sopId, request.file, parse)]);
    return;
  }
  const index = await loadIndex(db);
  const files = await Promise.all(request.files.map(readFile));
  const outcomes = await importFiles(db, index, files, { parse, onProgress: (progress) => post({ type: 'progress', jobId, progress }) });
  done(outcomes);
}

export interface ImportResult {
  outcomes: FileOutcome[];
  ms: number;
}

/** Runs one import job to its end: per-file outcomes, or the job's own failure (the database did not open, say). */
export async function runImport(db: TriageDatabase, request: ImportRequest, parse: ParseFile, onProgress: (p: ImportProgress) => void = () => {}): Promise<Result<ImportResult>> {
  let result: Result<ImportResult> = fail('import.failed', 'The import ended without a result.', 'Reload the options page and import the files again.');
  const post = (reply: ImportReply) => {
    if (reply.type === 'progress') onProgress(reply.progress);
    else result = reply.type === 'done' ? ok({ outcomes: reply.outcomes, ms: reply.ms }) : { ok: false, error: reply.error };
  };
  try {
    await runImportRequest(db, request, post, parse);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    post({ type: 'failed', jobId: request.jobId, error: { code: 'import.failed', message: `The import stopped unexpectedly (${reason.slice(0, 120)}).`, nextStep: 'Reload the options page and import the remaining files again.' } });
  }
  return result;
}
