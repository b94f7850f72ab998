import { describe, expect, it } from 'vitest';
import { parseGmailDate } from '@/lib/sites/gmail/date';

describe('parseGmailDate', () => {
  const readable: Array<[string, string]> = [
    ['Tue, Mar 5, 2024, 9:17 AM', '2024-03-05T09:17:00Z'],
    ['Mon, Jun 12, 2023, 2:05 PM', '2023-06-12T14:05:00Z'],
    ['Fri, May 31, 2024, 12:00 AM', '2024-05-31T00:00:00Z'],
    ['Fri, May 31, 2024, 12:30 PM', '2024-05-31T12:30:00Z'],
    ['Tue, Mar 5, 2024 at 9:17\u202fAM', '2024-03-05T09:17:00Z'],
    ['Mar 5, 2024, 9:17 AM', '2024-03-05T09:17:00Z'],
    ['Tue, 5 Mar 2024, 09:17', '2024-03-05T09:17:00Z'],
    ['5 Sept 2024, 17:40', '2024-09-05T17:40:00Z'],
    ['Thu, Feb 29, 2024, 11:59 PM', '2024-02-29T23:59:00Z'],
  ];
  for (const [title, iso] of readable) {
    it(`reads "${title}"`, () => expect(parseGmailDate(title)).toBe(iso));
  }

  // Other languages, as CLDR (through the ICU data in Node's Intl) writes a date with weekday, day, short month, year
  // and time: every month of the year, a morning and an evening time.
  const locales = ['de', 'fr', 'es', 'nl', 'it', 'pt-BR', 'en-GB', 'en-US', 'sv', 'da'];
  for (const locale of locales) {
    it(`reads every month as ${locale} writes it`, () => {
      for (let month = 0; month < 12; month++) {
        for (const [hour, minute] of [[8, 5], [21, 47]] as const) {
          const date = new Date(Date.UTC(2024, month, month + 3, hour, minute));
          const title = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(date);
          expect([title, parseGmailDate(title)]).toEqual([title, date.toISOString().replace('.000Z', 'Z')]);
        }
      }
    });
  }
  it('reads "Di., 5. März 2024, 09:17" and a title without its weekday', () => {
    expect(parseGmailDate('Di., 5. März 2024, 09:17')).toBe('2024-03-05T09:17:00Z');
    expect(parseGmailDate('14 févr. 2024, 08:05')).toBe('2024-02-14T08:05:00Z');
  });

  const unreadable = ['', 'Mar 5', 'yesterday', 'Fri, Feb 30, 2024, 9:00 AM', 'Tue, Mar 5, 2024, 13:17 PM', 'Di., 5. Foo 2024, 09:17', 'Tue, Mar 5, 2024, 24:10', '14/02/2024, 8:05'];
  for (const title of unreadable) {
    it(`gives null for "${title}"`, () => expect(parseGmailDate(title)).toBeNull());
  }
});
