import type { TriageDatabase } from '@/lib/db/database';
import { getSop, importParsed, knownHashes, replaceVersion, resolveSopId, saveIndexSnapshot } from './library';
import { checkNotDuplicate } from './parse/parse-text-sop';
import type { ParsedSop } from './parse/parsed-sop';
import type { Result } from '@/lib/schemas/errors';
import type { FileOutcome } from '@/lib/schemas/sop';
import type { SopIndex } from './sop-index';

/** Importing many SOP files at once: each file succeeds or fails alone, with progress for the options page. */

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
  mime?: string;
}

export interface ImportProgress {
  done: number;
  total: number;
  bytes: number;
  totalBytes: number;
  /** Estimated time left, from the bytes per millisecond so far; null before the first file is done. */
  etaMs: number | null;
  /** The file being worked on, or null when finished. */
  current: string | null;
}

/**
 * Between files, the event loop gets a turn once this much work has run since its last one (so the page can paint
 * and messages are handled). Not after every file: nested setTimeout(0) calls are clamped to 4 ms, which for a batch
 * of small files would be more waiting than work.
 */
const YIELD_EVERY_MS = 40;
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** Files parsed ahead of the one being stored: enough to keep the parser busy, few enough to hold little text. */
const PARSE_AHEAD = 3;

/**
 * Parses, chunks and indexes each file; a file whose SOP id already exists becomes that SOP's new version.
 * Byte-identical files (to the library or earlier in the batch) are rejected as duplicates. The index snapshot is
 * written once at the end.
 */
export interface ImportFilesOptions {
  /** parseSopFile where PDF and Word are wanted (the options page), parseTextSopFile in the background. */
  parse: (name: string, bytes: Uint8Array, mime?: string) => Promise<Result<ParsedSop>>;
  onProgress?: (progress: ImportProgress) => void;
}

export async function importFiles(db: TriageDatabase, index: SopIndex, files: ImportFile[], { parse, onProgress = () => {} }: ImportFilesOptions): Promise<FileOutcome[]> {
  const totalBytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
  const started = performance.now();
  const hashes = await knownHashes(db);
  const outcomes: FileOutcome[] = [];
  let bytes = 0;
  const report = (current: string | null) => {
    const elapsed = performance.now() - started;
    const etaMs = bytes > 0 ? Math.round((elapsed / bytes) * (totalBytes - bytes)) : null;
    onProgress({ done: outcomes.length, total: files.length, bytes, totalBytes, etaMs, current });
  };

  // The next files are parsed (in the options page's worker) while this one is stored and indexed here. Taking
  // turns, 20 MB spent 7.8 s waiting for the parser and 8.8 s storing; overlapped, the storing half slows (two
  // cores, one IndexedDB writer) and the import gains about 14%.
  const parsing: Array<Promise<Result<ParsedSop>> | undefined> = [];
  const parseAt = (i: number) => (parsing[i] ??= parse(files[i]!.name, files[i]!.bytes, files[i]!.mime));
  let lastYield = performance.now();
  for (const [i, file] of files.entries()) {
    report(file.name);
    for (let j = i; j < Math.min(files.length, i + PARSE_AHEAD); j++) void parseAt(j);
    const parsed = await parseAt(i);
    parsing[i] = undefined;
    outcomes.push(await importOne(db, index, file, parsed, hashes));
    bytes += file.bytes.length;
    if (performance.now() - lastYield >= YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  if (outcomes.some((o) => o.status === 'imported')) await saveIndexSnapshot(db, index);
  report(null);
  return outcomes;
}

async function importOne(db: TriageDatabase, index: SopIndex, file: ImportFile, parsed: Result<ParsedSop>, hashes: Set<string>): Promise<FileOutcome> {
  const rejected = (error: { code: string; message: string; nextStep: string }): FileOutcome => ({
    name: file.name, status: 'rejected', code: error.code, reason: error.message, nextStep: error.nextStep,
  });
  if (!parsed.ok) return rejected(parsed.error);
  const fresh = checkNotDuplicate(parsed.value, hashes);
  if (!fresh.ok) return rejected(fresh.error);

  const sopId = resolveSopId(parsed.value);
  const existing = await getSop(db, sopId);
  // A policy-managed SOP changes only through its team bundle.
  if (existing?.managed) {
    return rejected({ code: 'sop.managed', message: `"${file.name}" would replace "${existing.title}", which your organisation's policy manages.`, nextStep: 'Give the file a different id or title, or ask whoever manages the team bundle to change it there.' });
  }
  const result = existing
    ? await replaceVersion(db, index, existing.sopId, parsed.value, { persistIndex: false })
    : await importParsed(db, index, parsed.value, { persistIndex: false });
  if (!result.ok) return rejected(result.error);
  hashes.add(parsed.value.sha256);
  const { sop } = result.value;
  return { name: file.name, status: 'imported', sopId: sop.sopId, version: sop.version, chunkCount: sop.chunkCount, replaced: existing !== undefined };
}
