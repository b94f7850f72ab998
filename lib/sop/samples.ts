import type { ImportFile } from './import-job';

// The demo company's SOPs, bundled as text so the sample library imports without a network.
const sampleSources = import.meta.glob('/public/samples/sops/*.md', { query: '?raw', import: 'default' });

export async function sampleSopFiles(): Promise<ImportFile[]> {
  const encoder = new TextEncoder();
  return Promise.all(
    Object.entries(sampleSources).map(async ([path, load]) => ({
      name: path.slice(path.lastIndexOf('/') + 1),
      bytes: encoder.encode(String(await load())),
      mime: 'text/markdown',
    })),
  );
}
