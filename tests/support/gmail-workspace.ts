import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';

export const gmailFixtureDir = path.resolve(import.meta.dirname, '../fixtures/gmail');
const clientScript = readFileSync(path.join(import.meta.dirname, 'gmail-workspace.client.js'), 'utf8');

export interface GmailFixture {
  file: string;
  truth: {
    view: 'thread' | 'preview' | 'list';
    threadId?: string;
    subject?: string;
    messages?: { messageId: string; from: { name: string; email: string }; state: string; bodyText?: string }[];
    replyEditorOpen?: boolean;
  };
}

export function gmailFixtures(): GmailFixture[] {
  return readdirSync(gmailFixtureDir)
    .filter((f) => f.endsWith('.html'))
    .map((file) => ({
      file,
      truth: JSON.parse(readFileSync(path.join(gmailFixtureDir, file.replace(/\.html$/, '.truth.json')), 'utf8')),
    }));
}

export const GMAIL_ORIGIN = 'https://mail.google.com';
export const inboxUrl = `${GMAIL_ORIGIN}/mail/u/0/#inbox`;
export const threadUrl = (threadId: string) => `${GMAIL_ORIGIN}/mail/u/0/#inbox/${threadId}`;

export interface WorkspaceOptions {
  /** Extra pages by thread id, e.g. a thread whose markup Gmail changed. */
  extraThreads?: Record<string, string>;
  /**
   * Gmail's chrome around the saved pages (top bar with Ask Gemini, the right-hand side panel and its rail,
   * compose windows), modelled on InboxSDK's description: 'fixed' pins the top bar and side panel to the window,
   * 'flow' lets them move with the page. Off by default: the saved pages alone.
   */
  chrome?: 'fixed' | 'flow';
  /** Threads whose legacy id Gmail paints this many ms after the thread renders (seen since 2025). */
  lateThreadIds?: Record<string, number>;
}

/**
 * Serves the saved Gmail pages at Gmail's real URL, so the extension's real content-script
 * matches apply. The in-page workspace script swaps views on hash changes as Gmail does.
 */
export async function serveGmailWorkspace(target: BrowserContext | Page, options: WorkspaceOptions = {}): Promise<void> {
  const fixtures = gmailFixtures();
  const pages = new Map<string, string>(fixtures.map((f) => [f.file, readFileSync(path.join(gmailFixtureDir, f.file), 'utf8')]));
  const threads: Record<string, string> = {};
  for (const f of fixtures) if (f.truth.threadId) threads[f.truth.threadId] = f.file;
  for (const [id, html] of Object.entries(options.extraThreads ?? {})) {
    pages.set(`extra-${id}.html`, html);
    threads[id] = `extra-${id}.html`;
  }
  const list = fixtures.find((f) => f.truth.view === 'list')?.file ?? 'inbox-list.html';
  const manifest = {
    list,
    threads,
    compose: 'thread-with-inline-reply-open.html',
    compose2026: 'thread-2026-inline-reply-open.html',
    chrome: options.chrome ?? null,
    lateThreadIds: options.lateThreadIds ?? {},
  };
  const withWorkspace = (html: string, file: string) =>
    html
      .replace('<html', `<html data-workspace-page="${file}"`)
      .replace('</body>', `<script src="/mail/u/0/__workspace/workspace.js"></script></body>`);

  await target.route(`${GMAIL_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const p = url.pathname;
    if (p === '/mail/u/0/__workspace/workspace.js') {
      return route.fulfill({ contentType: 'text/javascript', body: clientScript });
    }
    if (p === '/mail/u/0/__workspace/manifest.json') return route.fulfill({ json: manifest });
    if (p.startsWith('/mail/u/0/__workspace/pages/')) {
      const html = pages.get(decodeURIComponent(p.slice('/mail/u/0/__workspace/pages/'.length)));
      return html ? route.fulfill({ contentType: 'text/html', body: html }) : route.fulfill({ status: 404, body: 'no such page' });
    }
    if (p === '/mail/u/0/' || p === '/mail/u/0' || p === '/') {
      // The hash never reaches a server: like Gmail, serve the inbox and let the page route itself.
      return route.fulfill({ contentType: 'text/html', body: withWorkspace(pages.get(list) ?? '', list) });
    }
    return route.fulfill({ status: 404, body: 'not part of the demo workspace' });
  });
}
