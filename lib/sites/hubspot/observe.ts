import { parseRecordUrl, recordSubject } from './url';
import type { RecordRef } from '@/lib/schemas/hubspot';

/**
 * Follows HubSpot's single-page navigation: calls onRecord with the record the page shows (null on any
 * other page) now and whenever it changes. `subscribe` registers for URL changes and passes the new URL:
 * WXT's wxt:locationchange fires from the Navigation API before location.href is updated.
 */
export function observeRecord(initialUrl: string, subscribe: (listener: (url: string) => void) => void, onRecord: (ref: RecordRef | null) => void): void {
  let last: string | undefined;
  const check = (url: string) => {
    const ref = parseRecordUrl(url);
    const key = ref ? `${ref.host}|${recordSubject(ref)}` : '';
    if (key === last) return;
    last = key;
    onRecord(ref);
  };
  subscribe(check);
  check(initialUrl);
}
