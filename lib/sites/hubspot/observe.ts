import { parseRecordUrl, recordSubject, type RecordRef } from './url';

/**
 * Follows HubSpot's single-page navigation: calls onRecord with the record the page shows (null on any
 * other page) now and whenever it changes. `subscribe` registers for URL changes (WXT's wxt:locationchange).
 */
export function observeRecord(getUrl: () => string, subscribe: (listener: () => void) => void, onRecord: (ref: RecordRef | null) => void): void {
  let last: string | undefined;
  const check = () => {
    const ref = parseRecordUrl(getUrl());
    const key = ref ? `${ref.host}|${recordSubject(ref)}` : '';
    if (key === last) return;
    last = key;
    onRecord(ref);
  };
  subscribe(check);
  check();
}
