import { describe, expect, it } from 'vitest';
import { parseRecordUrl, recordSubject } from '@/lib/sites/hubspot/url';

const records: [string, { host: string; portalId: string; objectTypeId: string; objectId: string }][] = [
  ['https://app.hubspot.com/contacts/4455667/record/0-1/901', { host: 'app.hubspot.com', portalId: '4455667', objectTypeId: '0-1', objectId: '901' }],
  ['https://app.hubspot.com/contacts/4455667/record/0-2/5501/', { host: 'app.hubspot.com', portalId: '4455667', objectTypeId: '0-2', objectId: '5501' }],
  ['https://app-eu1.hubspot.com/contacts/4455667/record/0-3/7301?eschref=%2Fcontacts%2F4455667#activity', { host: 'app-eu1.hubspot.com', portalId: '4455667', objectTypeId: '0-3', objectId: '7301' }],
  ['https://app-na2.hubspot.com/contacts/12/record/0-5/3301', { host: 'app-na2.hubspot.com', portalId: '12', objectTypeId: '0-5', objectId: '3301' }],
  ['https://app.hubspot.com/contacts/4455667/record/2-1234567/88', { host: 'app.hubspot.com', portalId: '4455667', objectTypeId: '2-1234567', objectId: '88' }],
  ['https://app.hubspot.com/contacts/4455667/contact/901', { host: 'app.hubspot.com', portalId: '4455667', objectTypeId: '0-1', objectId: '901' }],
  ['https://app.hubspot.com/contacts/4455667/company/5501/', { host: 'app.hubspot.com', portalId: '4455667', objectTypeId: '0-2', objectId: '5501' }],
  ['https://app-eu1.hubspot.com/contacts/4455667/deal/7301?foo=bar', { host: 'app-eu1.hubspot.com', portalId: '4455667', objectTypeId: '0-3', objectId: '7301' }],
];

const notRecords = [
  'https://app.hubspot.com/contacts/4455667/objects/0-1/views/all/list', // contact list
  'https://app.hubspot.com/contacts/4455667/contacts/list/view/all/', // old contact list
  'https://app.hubspot.com/contacts/4455667/deals/board/view/all/', // deal board
  'https://app.hubspot.com/settings/4455667/properties', // settings
  'https://app.hubspot.com/reports-dashboard/4455667/view/1', // dashboards
  'https://app.hubspot.com/contacts/4455667/record/0-7/12', // products: not a supported type
  'https://app.hubspot.com/contacts/4455667/record/0-1/', // no id
  'https://app.hubspot.com/contacts/abc/record/0-1/901', // portal not numeric
  'https://app.hubspot.com/contacts/4455667/ticket/3301', // legacy form only had contact, company, deal
  'http://app.hubspot.com/contacts/4455667/record/0-1/901', // not https
  'https://app.hubspot.com.evil.example/contacts/4455667/record/0-1/901', // look-alike host
  'https://www.hubspot.com/contacts/4455667/record/0-1/901', // marketing site
  'https://api.hubapi.com/crm/v3/objects/0-1/901', // API, not the app
  'https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTBnN', // Gmail
  'https://example.com/?next=https://app.hubspot.com/contacts/4455667/record/0-1/901', // record URL only in the query
  'not a url',
];

describe('parseRecordUrl', () => {
  it.each(records)('reads %s', (url, expected) => {
    expect(parseRecordUrl(url)).toEqual(expected);
  });
  it.each(notRecords)('is not a record page: %s', (url) => {
    expect(parseRecordUrl(url)).toBeNull();
  });
  it('names the record as the pending/threads tables do', () => {
    const ref = parseRecordUrl('https://app.hubspot.com/contacts/4455667/record/0-1/901');
    expect(ref && recordSubject(ref)).toBe('hubspot:4455667/0-1/901');
  });
});
