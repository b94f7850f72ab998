import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { GmailPanel } from './pages/gmail-panel';
import { SopLibraryPage } from './pages/sop-library-page';
import { serveGmailWorkspace } from '../support/gmail-workspace';

const LOST_PALLETS = `---
owner: Logistics desk
effective: 2025-02-01
---
# Lost pallet claims

## Filing a lost pallet claim

Lost pallet claims: file within 5 business days of the delivery date with the carrier. Attach the signed bill of lading showing the short count, the number of pallets ordered and delivered, and the order number.

## Keeping the customer informed

Give the customer the carrier's claim reference within 1 business day, and ship the missing pallet as a replacement once the carrier confirms the loss.
`;

const sopFixtures = path.resolve(import.meta.dirname, '../fixtures/sop');

/** A folder as an admin would drop it: good SOPs in several formats, and files that must be refused. */
function makeSopFolder(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'sop-folder-')), 'team-sops');
  mkdirSync(path.join(dir, 'archive'), { recursive: true });
  writeFileSync(path.join(dir, 'lost-pallet-claims.md'), LOST_PALLETS);
  writeFileSync(path.join(dir, 'archive', 'lost-pallet-claims-copy.md'), LOST_PALLETS);
  writeFileSync(path.join(dir, 'empty.txt'), '');
  writeFileSync(path.join(dir, 'setup.exe'), Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0xff, 0xff]));
  writeFileSync(path.join(dir, 'refund-policy.pdf'), readFileSync(path.join(sopFixtures, 'refund-policy.pdf')));
  writeFileSync(path.join(dir, 'account-access.docx'), readFileSync(path.join(sopFixtures, 'account-access.docx')));
  return dir;
}

test('import a folder with good and bad files, then a Gmail thread cites the new SOP', async ({ context, extensionId, gmail }) => {
  const library = await SopLibraryPage.open(context, extensionId);
  await library.page.getByRole('button', { name: 'Load sample SOPs' }).click();
  await expect(library.page.getByText(/Sample SOPs: 8 imported/)).toBeVisible({ timeout: 15_000 });
  await expect(library.rows).toHaveCount(8);

  await library.folderInput.setInputFiles(makeSopFolder());
  const job = library.latestJob;
  await expect(job.getByTestId('import-progress')).toBeVisible();
  await expect(job.getByText(/^Finished in/)).toBeVisible({ timeout: 30_000 });
  await expect(job.getByTestId('import-progress')).toHaveJSProperty('value', 6);
  await expect(job.getByTestId('import-progress')).toHaveJSProperty('max', 6);
  await expect(job.getByTestId('import-counts')).toContainText('6 / 6 files');

  const imported = library.outcomes('imported');
  await expect(imported).toHaveCount(3);
  await expect(imported.filter({ hasText: 'lost-pallet-claims' }).first()).toContainText('imported as lost-pallet-claims v1, 1 passage');
  await expect(imported.filter({ hasText: 'refund-policy.pdf' })).toContainText('imported as refund-policy v1');
  // The DOCX has the sample "Account access" SOP's id: it becomes that SOP's second version.
  await expect(imported.filter({ hasText: 'account-access.docx' })).toContainText('v2 (new version; the old one is kept in history)');

  const rejected = library.outcomes('rejected');
  await expect(rejected).toHaveCount(3);
  await expect(rejected.filter({ hasText: 'empty.txt' })).toContainText('is empty');
  await expect(rejected.filter({ hasText: 'setup.exe' })).toContainText('not a supported SOP file type');
  await expect(rejected.filter({ hasText: 'setup.exe' })).toContainText('Use Markdown (.md), text (.txt), HTML, PDF or Word (.docx).');
  await expect(library.page.locator('[data-testid=import-outcome][data-code="sop.duplicate"]')).toContainText('identical to an SOP already in the library');

  await expect(library.rows).toHaveCount(10);
  await expect(library.row('Lost pallet claims')).toContainText('Logistics desk');
  await expect(library.row('Lost pallet claims')).toContainText('2025-02-01');
  await library.page.screenshot({ path: test.info().outputPath('sop-library.png'), fullPage: true });

  // Open it as the panel will quote it; the replaced SOP shows its history.
  await library.row('Lost pallet claims').getByRole('button', { name: 'Lost pallet claims' }).click();
  const detail = library.page.getByTestId('sop-detail');
  // Short sections are merged into one passage under the SOP's heading; the text is shown as plain text.
  await expect(detail.getByTestId('sop-detail-passages').locator('li')).toHaveCount(1);
  await expect(detail.getByTestId('sop-detail-passages')).toContainText('Lost pallet claims');
  await expect(detail.getByTestId('sop-detail-passages')).toContainText('file within 5 business days');
  await detail.getByRole('button', { name: 'Back to the library' }).click();
  await library.row('Account access').getByRole('button', { name: 'Account access' }).click();
  await expect(detail.getByTestId('sop-history').locator('li')).toHaveCount(2);
  await expect(detail.getByTestId('sop-history')).toContainText('superseded');
  await library.page.screenshot({ path: test.info().outputPath('sop-library-detail.png'), fullPage: true });

  // A customer asks exactly what the new SOP answers.
  const original = readFileSync(path.resolve(import.meta.dirname, '../fixtures/gmail/thread-2024-layout-refund.html'), 'utf8');
  const body = /Sure, the workspace[\s\S]*?Thanks for your help\./;
  expect(original).toMatch(body);
  const question =
    'Hello, the carrier delivered only 11 of the 12 pallets of our order 77120 on Monday; one pallet is lost. How do we file a lost pallet claim, by when, and do you need the bill of lading?';
  const html = original
    .replace(body, question)
    .replaceAll('Refund for annual plan renewal', 'Missing pallet on order 77120')
    .replaceAll('e7cc78b40b7bf13c', 'feedbeefcafe0301');
  await serveGmailWorkspace(context, { extraThreads: { feedbeefcafe0301: html } });
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox/feedbeefcafe0301');
  const panel = new GmailPanel(gmail);
  await expect(panel.root.getByTestId('grounding-line')).toBeVisible({ timeout: 20_000 });
  const passages = await panel.passages();
  await expect(passages).toBeVisible();
  await expect(passages.locator('li').first()).toContainText('Lost pallet claims');
});

test('export a bundle, delete the SOP, refuse a tampered or truncated bundle, re-import the real one', async ({ context, extensionId }) => {
  const library = await SopLibraryPage.open(context, extensionId);
  await library.paste('Lost pallet claims', LOST_PALLETS.slice(LOST_PALLETS.indexOf('## Filing')));
  await expect(library.outcomes('imported')).toContainText('imported as lost-pallet-claims v1');
  await expect(library.rows).toHaveCount(1);

  const download = library.page.waitForEvent('download');
  await library.page.getByRole('button', { name: 'Export library bundle' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^calm-triage-sops-\d{4}-\d{2}-\d{2}\.json$/);
  const json = readFileSync(await file.path(), 'utf8');
  const bundle = JSON.parse(json) as { format: string; sops: { id: string; text: string; sha256: string }[] };
  expect(bundle.format).toBe('calm-triage-sop-bundle');
  expect(bundle.sops.map((s) => s.id)).toEqual(['lost-pallet-claims']);
  expect(bundle.sops[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);

  await library.row('Lost pallet claims').getByRole('button', { name: 'Lost pallet claims' }).click();
  await library.page.getByRole('button', { name: 'Delete…' }).click();
  await library.page.getByRole('button', { name: 'Delete for good' }).click();
  await expect(library.rows).toHaveCount(0);

  const tampered = JSON.stringify({ ...bundle, sops: bundle.sops.map((s) => ({ ...s, text: s.text.replace('5 business days', '60 business days') })) });
  await library.importBundle({ name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(tampered) });
  await expect(library.bundleStatus).toContainText('does not match its checksum');
  await expect(library.bundleStatus).toContainText('Nothing was changed.');
  await library.importBundle({ name: 'truncated.json', mimeType: 'application/json', buffer: Buffer.from(json.slice(0, json.length / 2)) });
  await expect(library.bundleStatus).toContainText('not valid JSON');
  await expect(library.rows).toHaveCount(0);

  await library.importBundle({ name: 'bundle.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect(library.bundleStatus).toContainText('Bundle imported: 1 added');
  await expect(library.rows).toHaveCount(1);

  // The re-imported SOP is searchable by the background at once.
  await library.page.getByLabel('Question or email text').fill('How long do we have to file a lost pallet claim with the carrier?');
  await library.page.getByRole('button', { name: 'Search the SOPs' }).click();
  await expect(library.page.getByTestId('try-verdict')).toContainText('Grounded');
  await expect(library.page.getByTestId('try-result').locator('li').first()).toContainText('Lost pallet claims');
  await expect(library.page.getByTestId('try-result').locator('li').first()).toContainText('5 business days');
});
