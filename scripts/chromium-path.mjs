// Where Debian's Chromium is (Playwright cannot download its own browser here). One list for CI, tests, demo and bench:
// .ci/run runs this file to decide whether to install chromium; tests/support/chromium.ts imports it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CHROMIUM_CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** CHROMIUM_PATH when set, else the first candidate that exists; null when there is none. */
export function findChromium() {
  return [process.env.CHROMIUM_PATH, ...CHROMIUM_CANDIDATES].find((p) => !!p && existsSync(p)) ?? null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = findChromium();
  if (found) console.log(found);
  process.exit(found ? 0 : 1);
}
