// Renders the toolbar and store icons (public/icon/{16,32,48,128}.png) from the panel's own mark, components/ui/brand-mark.tsx,
// in Debian's Chromium. Run after changing the mark: `node --import tsx scripts/render-icons.ts`. The output is byte-identical
// from run to run on the same Chromium, so a diff in public/icon/ means the mark changed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { chromium } from '@playwright/test';
import { BrandMark } from '../components/ui/brand-mark';
import { findChromium } from './chromium-path.mjs';

const ICON_SIZES = [16, 32, 48, 128] as const;
const outDir = path.resolve(import.meta.dirname, '../public/icon');

const executablePath = findChromium();
if (!executablePath) throw new Error('Chromium not found. Install it with: sudo apt-get install chromium (or set CHROMIUM_PATH).');
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  mkdirSync(outDir, { recursive: true });
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const svg = renderToStaticMarkup(createElement(BrandMark, { size }));
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
    const png = await page.locator('svg').screenshot({ omitBackground: true });
    writeFileSync(path.join(outDir, `${size}.png`), png);
    console.log(`public/icon/${size}.png: ${png.length} bytes`);
    await page.close();
  }
} finally {
  await browser.close();
}
