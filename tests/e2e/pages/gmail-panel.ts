import type { Locator, Page } from '@playwright/test';
import { threadUrl, inboxUrl } from '../../support/gmail-workspace';

/** The triage panel as a rep sees it in Gmail (Playwright pierces its open shadow root). */
export class GmailPanel {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.locator('calm-triage-panel [data-testid=triage-panel]');
  }
  async openThread(threadId: string) {
    await this.page.goto(threadUrl(threadId));
  }
  async openInbox() {
    await this.page.goto(inboxUrl);
  }
  /** The SOP passages, folded under the grounding line: opened as a rep would. */
  async passages() {
    const fold = this.root.getByTestId('sop-passages-fold');
    await fold.locator('summary').click();
    return this.root.getByTestId('sop-passages');
  }
  fact(name: 'subject' | 'thread-id' | 'messages' | 'latest' | 'participants') {
    return this.root.getByTestId(`fact-${name}`);
  }
  get toggle() {
    return this.root.locator('.panel__toggle');
  }
  get listState() {
    return this.root.getByTestId('state-list');
  }
  get unreadableState() {
    return this.root.getByTestId('state-unreadable');
  }
}
