import type { BrowserContext, Locator, Page } from '@playwright/test';

/** The options page's "SOP library" tab, as an admin uses it. */
export class SopLibraryPage {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string): Promise<SopLibraryPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByRole('tab', { name: 'SOP library' }).click();
    return new SopLibraryPage(page);
  }

  get folderInput(): Locator {
    return this.page.getByLabel('Choose an SOP folder');
  }
  get latestJob(): Locator {
    return this.page.getByTestId('import-job').first();
  }
  outcomes(status: 'imported' | 'rejected'): Locator {
    return this.latestJob.locator(`[data-testid=import-outcome][data-status=${status}]`);
  }
  row(title: string): Locator {
    return this.page.getByTestId('sop-row').filter({ has: this.page.getByRole('button', { name: title, exact: true }) });
  }
  get rows(): Locator {
    return this.page.getByTestId('sop-row');
  }
  get bundleStatus(): Locator {
    return this.page.getByTestId('bundle-status');
  }
  async paste(title: string, text: string): Promise<void> {
    await this.page.getByText('Paste text instead').click();
    await this.page.getByLabel('Title').fill(title);
    await this.page.getByLabel(/Procedure text/).fill(text);
    await this.page.getByRole('button', { name: 'Import pasted text' }).click();
  }
  async importBundle(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByLabel('Import a bundle').setInputFiles(file);
  }
}
