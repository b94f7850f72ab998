import { fail, ok, type Result } from '@/lib/schemas/errors';

/**
 * A DOCX is a zip. A small zip can inflate to gigabytes (a zip bomb), which would take the parser down with it.
 * Before mammoth sees a file, its central directory is read by hand and every entry is inflated once, counting
 * bytes, and the file is refused as soon as the total passes the limit: declared sizes alone could lie.
 */

/** What one SOP's Word file may inflate to, all entries together. Real SOPs are well under 5 MB of XML. */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;
/** Entries in one DOCX; Word writes a few dozen. */
export const MAX_DOCX_ENTRIES = 2000;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATED = 8;

interface ZipEntry {
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const unreadable = (why: string) =>
  fail('sop.unreadable_docx', `This Word file could not be read (${why}).`, 'Open it in Word or LibreOffice, save it again as .docx, and re-import it.');
const tooLarge = (limit: number) =>
  fail(
    'sop.docx_too_large',
    `This Word file expands to more than ${Math.round(limit / (1024 * 1024))} MB when unpacked, more than an SOP needs: it was not opened.`,
    'Split it into smaller documents, or remove embedded media, and import those.',
  );

/** The entries the central directory lists, from the end-of-central-directory record. Zip64 files are refused. */
function centralDirectory(bytes: Uint8Array): Result<ZipEntry[]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let at = bytes.length - EOCD_SIZE; at >= Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT); at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return unreadable('no zip directory');
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return unreadable('a zip64 archive, which Word does not write for documents');
  if (count > MAX_DOCX_ENTRIES) return unreadable(`${count} parts in one document`);
  if (offset + size > eocd) return unreadable('the zip directory points outside the file');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL_SIGNATURE) return unreadable('a damaged zip directory');
    entries.push({
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    });
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return ok(entries);
}

/** The compressed bytes of an entry, found through its local header. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Result<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) return unreadable('a damaged zip entry');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return unreadable('a zip entry runs past the end of the file');
  return ok(bytes.subarray(start, end));
}

/** Inflates one entry, stopping as soon as the running total passes `budget`; returns the bytes it produced. */
async function inflatedSize(data: Uint8Array, budget: number): Promise<number> {
  const reader = new Blob([data.slice()]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return total;
    total += value.byteLength;
    if (total > budget) {
      await reader.cancel();
      return total;
    }
  }
}

/** Refuses a zip that would unpack to more than `limit` bytes, by its declared sizes and by actually inflating it. */
export async function checkZipSize(bytes: Uint8Array, limit = MAX_DOCX_UNCOMPRESSED_BYTES): Promise<Result<{ uncompressed: number }>> {
  const entries = centralDirectory(bytes);
  if (!entries.ok) return entries;
  const declared = entries.value.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > limit) return tooLarge(limit);
  let total = 0;
  for (const entry of entries.value) {
    const data = entryData(bytes, entry);
    if (!data.ok) return data;
    if (entry.method === STORED) total += data.value.byteLength;
    else if (entry.method === DEFLATED) {
      try {
        total += await inflatedSize(data.value, limit - total);
      } catch {
        return unreadable('a damaged compressed part'); // the deflate stream itself is broken: mammoth could not read it either
      }
    } else return unreadable(`compression method ${entry.method}, which Word does not use`);
    if (total > limit) return tooLarge(limit);
  }
  return ok({ uncompressed: total });
}
