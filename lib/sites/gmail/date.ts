// Gmail shows a message's full date only in a tooltip, in the account's zone and locale, e.g.
// "Tue, Mar 5, 2024, 9:17 AM" (en-US), "Tue, Mar 5, 2024 at 9:17 AM" (2023 wording), "Tue, 5 Mar 2024, 09:17" (en-GB).
// The zone is not on the page, so the time is reported as if it were UTC.

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const TIME = String.raw`(?:,|\s+at)?\s+(\d{1,2}):(\d{2})(?:\s*([ap])\.?\s?m\.?)?`;
const MONTH_FIRST = new RegExp(String.raw`^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})${TIME}$`, 'i');
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})${TIME}$`, 'i');

/** "YYYY-MM-DDTHH:MM:00Z" from a Gmail date tooltip, or null when the form is not one Gmail uses in English. */
export function parseGmailDate(title: string): string | null {
  const text = title.replace(/[\u00a0\u202f]/g, ' ').trim().replace(/^[a-z]{3,9}\.?,\s*/i, '');
  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst) return build(monthFirst[3], monthFirst[1], monthFirst[2], monthFirst[4], monthFirst[5], monthFirst[6]);
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) return build(dayFirst[3], dayFirst[2], dayFirst[1], dayFirst[4], dayFirst[5], dayFirst[6]);
  return null;
}

function build(
  yearText: string | undefined,
  monthName: string | undefined,
  dayText: string | undefined,
  hourText: string | undefined,
  minuteText: string | undefined,
  meridiem: string | undefined,
): string | null {
  const month = MONTHS[(monthName ?? '').slice(0, 3).toLowerCase()];
  const year = Number(yearText);
  const day = Number(dayText);
  let hour = Number(hourText);
  const minute = Number(minuteText);
  if (month === undefined || minute > 59) return null;
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem.toLowerCase() === 'p';
    hour = (hour % 12) + (pm ? 12 : 0);
  } else if (hour > 23) {
    return null;
  }
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute));
  // Date.UTC rolls "Feb 30" over into March: such a title is not a real date.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00Z`;
}
