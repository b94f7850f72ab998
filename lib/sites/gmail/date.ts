// Gmail shows a message's full date only in a tooltip, in the account's zone and locale: "Tue, Mar 5, 2024, 9:17 AM"
// (en-US), "Tue, Mar 5, 2024 at 9:17 AM" (2023 wording), "Tue, 5 Mar 2024, 09:17" (en-GB), and day-first with the
// locale's month names in other languages, as CLDR writes them: "Di., 5. März 2024, 09:17" (de), "mar. 5 mars 2024,
// 09:17" (fr), "mar, 5 mar 2024, 9:17" (es), "di 5 mrt 2024, 09:17" (nl), "ter., 5 de mar. de 2024, 09:17" (pt-BR),
// "tis. 5. mar. 2024, 09.17" (da).
// The zone is not on the page, so the time is reported as if it were UTC.

/** Month names and abbreviations in English, German, French, Spanish, Dutch, Italian, Portuguese and Swedish/Danish. */
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, janv: 1, ene: 1, gen: 1,
  feb: 2, févr: 2, fév: 2, fev: 2,
  mar: 3, mär: 3, mrz: 3, mrt: 3, mars: 3,
  apr: 4, avr: 4, abr: 4,
  may: 5, mai: 5, mei: 5, mag: 5, maj: 5,
  jun: 6, juin: 6, giu: 6,
  jul: 7, juil: 7, lug: 7,
  aug: 8, août: 8, ago: 8,
  sep: 9, sept: 9, set: 9,
  oct: 10, okt: 10, ott: 10, out: 10,
  nov: 11,
  dec: 12, dez: 12, déc: 12, dic: 12,
};
/** The month a name stands for: the name, else its first four letters ("juil", "août"), else its first three. */
const monthOf = (name: string): number | undefined => {
  const n = name.toLowerCase();
  return MONTHS[n] ?? MONTHS[n.slice(0, 4)] ?? MONTHS[n.slice(0, 3)];
};

const TIME = String.raw`(?:,|\s+at)?\s+(\d{1,2})[:.](\d{2})(?:\s*([ap])\.?\s?m\.?)?`;
const MONTH_FIRST = new RegExp(String.raw`^(\p{L}{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})${TIME}$`, 'iu');
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})\.?\s+(?:de\s+)?(\p{L}{3,9})\.?,?\s+(?:de\s+)?(\d{4})${TIME}$`, 'iu');
/** A leading weekday: "Tue, ", "Di., ", "mer. ", "wo " (only before a day number when it has no comma). */
const WEEKDAY = /^\p{L}{2,9}\.?(?:,\s*|\s+(?=\d))/u;

/** "YYYY-MM-DDTHH:MM:00Z" from a Gmail date tooltip, or null when the form is not one of those above. */
export function parseGmailDate(title: string): string | null {
  const text = title.replace(/[\u00a0\u202f]/g, ' ').trim();
  // "Mar 5, 2024" has no weekday, though "Mar " would pass for one: the title is read as it is first.
  for (const form of [text, text.replace(WEEKDAY, '')]) {
    const monthFirst = MONTH_FIRST.exec(form);
    if (monthFirst) return build(monthFirst[3], monthFirst[1], monthFirst[2], monthFirst[4], monthFirst[5], monthFirst[6]);
    const dayFirst = DAY_FIRST.exec(form);
    if (dayFirst) return build(dayFirst[3], dayFirst[2], dayFirst[1], dayFirst[4], dayFirst[5], dayFirst[6]);
  }
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
  const month = monthOf(monthName ?? '');
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
