/** A day on the calendar, without a time or a zone (month 1–12). Pure helpers. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The traveler's today: the calendar date of `now` in `timeZone`. */
export function todayIn(now: Date, timeZone: string): CalendarDate {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(now)
    .reduce<Record<string, number>>((all, part) => {
      if (part.type !== 'literal') all[part.type] = Number(part.value);
      return all;
    }, {});
  return { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0 };
}

function utc(date: CalendarDate): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day));
}

/** False for 31 June or 29 February 2027. */
export function isRealDate(date: CalendarDate): boolean {
  const check = utc(date);
  return (
    check.getUTCFullYear() === date.year && check.getUTCMonth() === date.month - 1 && check.getUTCDate() === date.day
  );
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = utc(date);
  moved.setUTCDate(moved.getUTCDate() + days);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: CalendarDate): number {
  return utc(date).getUTCDay();
}

/** The first date strictly after `after` falling on `weekday`. */
export function nextWeekdayAfter(after: CalendarDate, weekday: number): CalendarDate {
  const gap = (weekday - weekdayOf(after) + 7) % 7 || 7;
  return addDays(after, gap);
}

/** A day and month without a year: this year's, or next year's when this year's has passed. */
export function nextOccurrence(month: number, day: number, today: CalendarDate): CalendarDate {
  const thisYear = { year: today.year, month, day };
  return compareDates(thisYear, today) < 0 ? { ...thisYear, year: today.year + 1 } : thisYear;
}

export function toIsoDate(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/**
 * The locale dates and numbers are shown in. Plain `en` is shown day first ("12 Jun 2027"),
 * which no English reader misreads; `en-US` keeps "Jun 12, 2027".
 */
export function displayLocale(language: string): string {
  const wanted = language === 'en' ? 'en-GB' : language;
  return Intl.DateTimeFormat.supportedLocalesOf([wanted])[0] ?? 'en-GB';
}

/** "12 Jun 2027", "12 juin 2027", "12 jun 2027". */
export function formatDate(date: CalendarDate, language: string): string {
  return new Intl.DateTimeFormat(displayLocale(language), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utc(date));
}
