import { describe, expect, it } from 'vitest';
import { observeRecord } from '@/lib/sites/hubspot/observe';
import type { RecordRef } from '@/lib/schemas/hubspot';

describe('observeRecord', () => {
  it('reports the record now, each change of record, and leaving records; not query or tab changes', () => {
    const seen: (string | null)[] = [];
    let navigate: (url: string) => void = () => {};
    observeRecord('https://app.hubspot.com/contacts/1/record/0-1/5', (l) => (navigate = l), (ref: RecordRef | null) => seen.push(ref ? `${ref.objectTypeId}/${ref.objectId}` : null));
    navigate('https://app.hubspot.com/contacts/1/record/0-1/5?tab=activity');
    navigate('https://app.hubspot.com/contacts/1/record/0-1/5/view/2');
    navigate('https://app.hubspot.com/contacts/1/record/0-3/7');
    navigate('https://app.hubspot.com/contacts/1/objects/0-1/views/all/list');
    navigate('https://app.hubspot.com/contacts/1/record/0-3/7');
    expect(seen).toEqual(['0-1/5', '0-3/7', null, '0-3/7']);
  });
});
