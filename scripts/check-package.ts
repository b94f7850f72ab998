// Runs after `wxt zip`: opens the store package and fails when its manifest lacks what the Chrome Web Store requires
// (icons at 16/32/48/128 px present in the zip, a description of at most 132 characters, a version) or the
// minimum_chrome_version the code needs. Prints the package's size.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';

const STORE_DESCRIPTION_MAX = 132;
const ICON_SIZES = ['16', '32', '48', '128'];

const outDir = path.resolve(import.meta.dirname, '../.output');
const zips = readdirSync(outDir)
  .filter((f) => f.endsWith('-chrome.zip'))
  .map((f) => path.join(outDir, f))
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
const packagePath = zips[0];
if (!packagePath) throw new Error(`No *-chrome.zip in ${outDir}: run wxt zip first.`);

const zip = await JSZip.loadAsync(readFileSync(packagePath));
const manifestFile = zip.file('manifest.json');
const problems: string[] = [];
if (!manifestFile) problems.push('manifest.json is missing from the package');
const manifest = manifestFile ? (JSON.parse(await manifestFile.async('string')) as Record<string, unknown>) : {};

const icons = (manifest.icons ?? {}) as Record<string, string>;
for (const size of ICON_SIZES) {
  const file = icons[size];
  if (!file) problems.push(`icons.${size} is not in the manifest`);
  else if (!zip.file(file.replace(/^\//, ''))) problems.push(`icons.${size} names ${file}, which is not in the package`);
}
const description = typeof manifest.description === 'string' ? manifest.description : '';
if (!description) problems.push('description is missing');
else if (description.length > STORE_DESCRIPTION_MAX) problems.push(`description is ${description.length} characters; the store allows ${STORE_DESCRIPTION_MAX}`);
if (typeof manifest.version !== 'string' || !manifest.version) problems.push('version is missing');
if (typeof manifest.minimum_chrome_version !== 'string') problems.push('minimum_chrome_version is missing');

const bytes = statSync(packagePath).size;
console.log(`${path.relative(process.cwd(), packagePath)}: ${(bytes / 1e6).toFixed(2)} MB (${bytes} bytes)`);
if (problems.length > 0) {
  console.error(`The package is not store-ready:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`Manifest OK: icons ${ICON_SIZES.join('/')}, description ${description.length} chars, version ${String(manifest.version)}, minimum Chrome ${String(manifest.minimum_chrome_version)}.`);
