import type { Result } from '@/lib/schemas/errors';

/**
 * What the panels know of a host page, in the spirit of InboxSDK's driver layer: a driver knows one site and
 * nothing else. It detects the site's pages, reads what the page shows, follows it as it changes, makes room for
 * the panel, and carries out the site's write actions. Everything it reads is parsed before it leaves the driver;
 * when the page does not look as expected it reports that as a value, never by throwing into the host page.
 */
export interface SiteDriver<Context> {
  readonly site: 'gmail' | 'hubspot';
  /** Whether a page belongs to this site. */
  detect(url: URL): boolean;
  /** What the page shows now. */
  read(): Context;
  /** Calls onContext with what the page shows now and whenever that changes, until the signal aborts. */
  observe(onContext: (context: Context) => void, signal: AbortSignal): void;
  /** Makes room for the panel beside the site's own controls (0 releases it). */
  reserveSpace(widthPx: number): void;
}

/** A write action's outcome: done, or why not, in words a rep can act on. */
export type WriteResult<T> = Promise<Result<T>>;
