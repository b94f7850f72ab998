import { fileURLToPath } from 'node:url';
import type { Passage } from '@/lib/schemas/sop';
import { loadSopFolder } from '../../scripts/triage-inspect';

const SAMPLES = fileURLToPath(new URL('../../public/samples/sops/', import.meta.url));

/** The shipped sample SOPs, parsed and chunked as an import would; a sample that does not parse fails the test. */
export function sampleSopPassages(): Promise<Passage[]> {
  return loadSopFolder(SAMPLES, (file, why) => {
    throw new Error(`${file}: ${why}`);
  });
}
