/**
 * Dates named in text, as UTC calendar days 'YYYY-MM-DD', read relative to the date of the message or note they
 * come from (never to today: "by June 28" in a March email is this year's June 28 even when read in July).
 * Each mention says whether the text stated the date in full or the day was inferred, and how.
 */

export interface DateMention {
  day: string;
  /** The words that named it, as they stand in the text. */
  text: string;
  /** 'stated': a full date; 'year-inferred': day and month without a year; 'relative': tomorrow, next Friday... */
  basis: 'stated' | 'year-inferred' | 'relative';
}

const MONTHS: Record<string, number> = {
  jan: 0, january: 0, januar: 0, janvier: 0, enero: 0, januari: 0, gennaio: 0,
  feb: 1, february: 1, februar: 1, février: 1, fevrier: 1, febrero: 1, februari: 1, febbraio: 1,
  mar: 2, march: 2, märz: 2, maerz: 2, mars: 2, marzo: 2, maart: 2,
  apr: 3, april: 3, avril: 3, abril: 3, aprile: 3,
  may: 4, mai: 4, mayo: 4, mei: 4, maggio: 4,
  jun: 5, june: 5, juni: 5, juin: 5, junio: 5, giugno: 5,
  jul: 6, july: 6, juli: 6, juillet: 6, julio: 6, luglio: 6,
  aug: 7, august: 7, août: 7, aout: 7, agosto: 7, augustus: 7,
  sep: 8, sept: 8, september: 8, septembre: 8, septiembre: 8, settembre: 8,
  oct: 9, october: 9, oktober: 9, octobre: 9, octubre: 9, ottobre: 9,
  nov: 10, november: 10, novembre: 10, noviembre: 10,
  dec: 11, december: 11, dezember: 11, décembre: 11, decembre: 11, diciembre: 11, dicembre: 11,
};
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;
const WEEKDAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  sonntag: 0, montag: 1, dienstag: 2, mittwoch: 3, donnerstag: 4, freitag: 5, samstag: 6, sonnabend: 6,
};
const WEEKDAY = `(${Object.keys(WEEKDAYS).join('|')})`;
const DAY_MS = 86_400_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const startOfDay = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());

function validDay(year: number, month: number, day: number): number | null {
  const ms = Date.UTC(year, month, day);
  return new Date(ms).getUTCDate() === day && new Date(ms).getUTCMonth() === month ? ms : null;
}

const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const MONTH_DAY = new RegExp(`(?<![\\p{L}])${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(\\d{4}))?`, 'iu');
const DAY_MONTH = new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})(?:st|nd|rd|th|\\.)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4}))?`, 'iu');
// Day-first numeric dates need their year: "4.2." is as likely a version number.
const NUMERIC_EU = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])/;
const TOMORROW = /(?<![\p{L}])(tomorrow|morgen)(?![\p{L}])/iu;
const TODAY = /(?<![\p{L}])(today|tonight|heute)(?![\p{L}])/iu;
// A weekday counts only with a cue ("on Friday", "by Saturday"): "we meet every Friday" names no date.
const NAMED_WEEKDAY = new RegExp(`(?<![\\p{L}])(next|this|on|by|before|until|nächsten|naechsten|kommenden|am|bis)\\s+${WEEKDAY}(?![\\p{L}])`, 'iu');
const WEEKEND = /(?<![\p{L}])(before the weekend|by the weekend|end of (?:the|this) week|vor dem wochenende|bis zum wochenende|ende der woche)(?![\p{L}])/iu;

/** The first date a sentence names. Dates without a year are the next such day on or after the reference date. */
export function findDate(sentence: string, reference: Date): DateMention | null {
  const today = startOfDay(reference);
  const iso = ISO.exec(sentence);
  if (iso) {
    const ms = validDay(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
    if (ms !== null) return { day: isoDay(ms), text: iso[0], basis: 'stated' };
  }
  const md = MONTH_DAY.exec(sentence);
  const dm = DAY_MONTH.exec(sentence);
  const named = [md && { m: md, month: md[1]!, day: md[2]!, year: md[3] }, dm && { m: dm, month: dm[2]!, day: dm[1]!, year: dm[3] }]
    .filter((n): n is NonNullable<typeof n> => !!n)
    .sort((a, b) => a.m.index - b.m.index)[0];
  if (named) {
    const month = MONTHS[named.month.toLowerCase()];
    const day = Number(named.day);
    if (month !== undefined) {
      const found = onOrAfter(today, month, day, named.year);
      if (found) return { day: isoDay(found.ms), text: named.m[0].trim(), basis: found.inferred ? 'year-inferred' : 'stated' };
    }
  }
  const eu = NUMERIC_EU.exec(sentence);
  if (eu) {
    const year = eu[3]!.length === 2 ? `20${eu[3]}` : eu[3];
    const found = onOrAfter(today, Number(eu[2]) - 1, Number(eu[1]), year);
    if (found) return { day: isoDay(found.ms), text: eu[0], basis: found.inferred ? 'year-inferred' : 'stated' };
  }
  const tomorrow = TOMORROW.exec(sentence);
  if (tomorrow) return { day: isoDay(today + DAY_MS), text: tomorrow[0], basis: 'relative' };
  const weekend = WEEKEND.exec(sentence);
  // Before the weekend: the coming Friday, today when it is Friday.
  if (weekend) return { day: isoDay(today + ((5 - new Date(today).getUTCDay() + 7) % 7) * DAY_MS), text: weekend[0], basis: 'relative' };
  const weekday = NAMED_WEEKDAY.exec(sentence);
  if (weekday?.[2]) {
    const cue = weekday[1]!.toLowerCase();
    const next = cue === 'next' || cue === 'nächsten' || cue === 'naechsten';
    return { day: isoDay(today + daysUntil(today, WEEKDAYS[weekday[2].toLowerCase()]!, next) * DAY_MS), text: weekday[0].trim(), basis: 'relative' };
  }
  const todayWord = TODAY.exec(sentence);
  if (todayWord) return { day: isoDay(today), text: todayWord[0], basis: 'relative' };
  return null;
}

function onOrAfter(today: number, month: number, day: number, year: string | undefined): { ms: number; inferred: boolean } | null {
  if (year) {
    const ms = validDay(Number(year), month, day);
    return ms === null ? null : { ms, inferred: false };
  }
  const thisYear = new Date(today).getUTCFullYear();
  const ms = validDay(thisYear, month, day);
  if (ms === null) return null;
  return { ms: ms >= today ? ms : (validDay(thisYear + 1, month, day) ?? ms), inferred: true };
}

/** Days from today to the coming weekday (today itself counts as a week ahead); "next Friday" is next week's. */
function daysUntil(today: number, weekday: number, nextWeek: boolean): number {
  const todayIndex = new Date(today).getUTCDay();
  let ahead = (weekday - todayIndex + 7) % 7 || 7;
  if (nextWeek) {
    const daysToNextMonday = (8 - todayIndex) % 7 || 7;
    if (ahead < daysToNextMonday) ahead += 7;
  }
  return ahead;
}

/** Whole days from one ISO day to another (negative when the second is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
