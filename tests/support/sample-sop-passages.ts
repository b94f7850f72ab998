import { readdirSync, readFileSync } from 'node:fs';
import type { Passage } from '@/lib/schemas/sop';
import { chunkSop } from '@/lib/sop/chunk';
import { parseSopFile } from '@/lib/sop/parse/parse-sop-file';

const SAMPLES = new URL('../../public/samples/sops/', import.meta.url);

/** The shipped sample SOPs, parsed and chunked as an import would. */
export async function sampleSopPassages(): Promise<Passage[]> {
  const passages: Passage[] = [];
  for (const name of readdirSync(SAMPLES)) {
    const parsed = await parseSopFile(name, new Uint8Array(readFileSync(new URL(name, SAMPLES))));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { meta, title, text } = parsed.value;
    passages.push(...chunkSop({ sopId: meta.id ?? name, sopVersion: 1, sopTitle: title, lanes: meta.lanes, text }));
  }
  return passages;
}
