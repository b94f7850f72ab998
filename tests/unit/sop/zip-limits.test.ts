import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseSopFile } from '@/lib/sop/parse/parse-sop-file';
import { checkZipSize, MAX_DOCX_UNCOMPRESSED_BYTES } from '@/lib/sop/parse/zip-limits';

// Zip bombs as a DOCX: small files that unpack to more than the limit, refused before mammoth opens them, whether
// their directory tells the truth about the sizes or lies.

interface CraftedEntry {
  name: string;
  content: Uint8Array;
  /** The uncompressed size the headers claim; the real one by default. */
  declaredSize?: number;
}

/** A minimal zip (deflated entries, local headers, central directory, end record) written byte by byte. */
function craftZip(entries: CraftedEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = deflateRawSync(entry.content);
    const size = entry.declaredSize ?? entry.content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const zeros = (n: number) => new Uint8Array(n);
const realDocx = () => new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../../fixtures/sop/account-access.docx')));

describe('DOCX zip bombs', () => {
  it('a small file whose entries unpack beyond the limit is refused by its declared sizes', async () => {
    const bomb = craftZip([{ name: 'word/document.xml', content: zeros(MAX_DOCX_UNCOMPRESSED_BYTES + 1024) }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(await checkZipSize(bomb)).toMatchObject({ ok: false, error: { code: 'sop.docx_too_large' } });
    expect(await parseSopFile('bomb.docx', bomb)).toMatchObject({ ok: false, error: { code: 'sop.docx_too_large' } });
  });

  it('a bomb whose directory understates the sizes is caught while inflating', async () => {
    const liar = craftZip([
      { name: '[Content_Types].xml', content: zeros(100), declaredSize: 100 },
      { name: 'word/document.xml', content: zeros(MAX_DOCX_UNCOMPRESSED_BYTES + 1024), declaredSize: 1024 },
    ]);
    expect(await checkZipSize(liar)).toMatchObject({ ok: false, error: { code: 'sop.docx_too_large' } });
    expect(await parseSopFile('liar.docx', liar)).toMatchObject({ ok: false, error: { code: 'sop.docx_too_large' } });
  });

  it('many entries that together pass the limit are refused, each small on its own', async () => {
    const part = MAX_DOCX_UNCOMPRESSED_BYTES / 4 + 1;
    const spread = craftZip([1, 2, 3, 4].map((i) => ({ name: `word/part${i}.xml`, content: zeros(part), declaredSize: 10 })));
    expect(await checkZipSize(spread)).toMatchObject({ ok: false, error: { code: 'sop.docx_too_large' } });
  });

  it('a real DOCX passes, with its true unpacked size, and still imports', async () => {
    const size = await checkZipSize(realDocx());
    expect(size).toMatchObject({ ok: true });
    if (size.ok) expect(size.value.uncompressed).toBeGreaterThan(realDocx().length);
    expect(await parseSopFile('account-access.docx', realDocx())).toMatchObject({ ok: true });
  });

  it('a damaged directory is an unreadable Word file, not a crash', async () => {
    const good = craftZip([{ name: 'word/document.xml', content: zeros(10) }]);
    const broken = good.slice();
    broken[broken.length - 6] = 0xff; // the directory's offset now points past the end
    expect(await checkZipSize(broken)).toMatchObject({ ok: false, error: { code: 'sop.unreadable_docx' } });
  });
});
