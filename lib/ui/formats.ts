/**
 * The dates and amounts the dock and the panels show. Dates are written out here rather than with Intl: the first
 * Intl formatter a page's script builds loads the locale and time-zone data, about 30 ms in a fresh tab, the costliest
 * single step of a content script's or panel chunk's start, and the panel's words are English anyway. Dates are UTC,
 * as the Gmail reader reads them (lib/sites/gmail/date.ts).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const twoDigits = (n: number) => String(n).padStart(2, '0');

/** A day: "2 Dec 2026". */
export function formatDay(at: string | number): string {
  const d = new Date(at);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A message's time: "2 Dec 2026, 17:47". */
export function formatMessageTime(iso: string): string {
  const d = new Date(iso);
  return `${formatDay(iso)}, ${twoDigits(d.getUTCHours())}:${twoDigits(d.getUTCMinutes())}`;
}

let usdFormat: Intl.NumberFormat | null = null;

/** An estimated cost in US dollars, to four decimals: "$0.0072". Built on first use, when a Claude thread shows its cost. */
export function formatUsd(amount: number): string {
  usdFormat ??= new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 4 });
  return usdFormat.format(amount);
}
