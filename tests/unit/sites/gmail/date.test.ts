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

  const unreadable = ['', 'Mar 5', 'yesterday', 'Fri, Feb 30, 2024, 9:00 AM', 'Tue, Mar 5, 2024, 13:17 PM', 'Di., 5. März 2024, 09:17', 'Tue, Mar 5, 2024, 24:10'];
  for (const title of unreadable) {
    it(`gives null for "${title}"`, () => expect(parseGmailDate(title)).toBeNull());
  }
});
