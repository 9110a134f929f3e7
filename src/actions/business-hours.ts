import { type TBusinessHours, type TWeekday, weekdays } from '../config/baton-config.schema';
import { wallClock } from '../core/zoned-time';

/**
 * When specialists answer. Pure and time-zone aware with Intl only: opening intervals and
 * holidays are wall-clock times in `hours.timeZone`, so a day that is 23 or 25 hours long
 * (daylight saving) still opens at its local "08:00". No hours configured = always open.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far ahead `nextOpening` looks (a year of holidays and then some). */
const SEARCH_DAYS = 400;
/** Farther than any UTC offset, so a window this wide around a local day holds all of its instants. */
const OFFSET_SPAN = 15 * 60 * MINUTE;

/** A local day as days since 1970-01-01 (so days subtract), plus the minute of that day. */
interface LocalTime {
  day: number;
  minute: number;
}

function offsetAt(time: number, timeZone: string): number {
  return wallClock(time, timeZone) - Math.floor(time / 1000) * 1000;
}

function localTime(time: number, timeZone: string): LocalTime {
  const wall = wallClock(time, timeZone);
  return { day: Math.floor(wall / DAY), minute: Math.floor((wall % DAY) / MINUTE) };
}

function weekdayOf(day: number): TWeekday {
  // 1970-01-01 was a Thursday.
  return weekdays[(day + 3) % 7] ?? 'mon';
}

const isoDate = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

function isOpenAt(hours: TBusinessHours, { day, minute }: LocalTime): boolean {
  const date = isoDate(day);
  if (hours.holidays.some((holiday) => holiday.date === date)) return false;
  return hours.weekly[weekdayOf(day)].some((interval) => interval.fromMinute <= minute && minute < interval.toMinute);
}

export function isWithinBusinessHours(hours: TBusinessHours | undefined, at: Date): boolean {
  return hours === undefined || isOpenAt(hours, localTime(at.getTime(), hours.timeZone));
}

/** The instants showing this local day and minute: none in a spring-forward gap, two in a fall-back hour. */
function instantsOf(day: number, minute: number, timeZone: string): number[] {
  const wall = day * DAY + minute * MINUTE;
  const offsets = new Set([offsetAt(wall - OFFSET_SPAN, timeZone), offsetAt(wall + OFFSET_SPAN, timeZone)]);
  return [...offsets].map((offset) => wall - offset).filter((time) => offsetAt(time, timeZone) === wall - time);
}

/** The instant the UTC offset changes around this local day, if it does (to the minute). */
function offsetChangeAround(day: number, timeZone: string): number | undefined {
  let low = (day * DAY - OFFSET_SPAN) / MINUTE;
  let high = ((day + 1) * DAY + OFFSET_SPAN) / MINUTE;
  const after = offsetAt(high * MINUTE, timeZone);
  if (offsetAt(low * MINUTE, timeZone) === after) return undefined;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle * MINUTE, timeZone) === after) high = middle;
    else low = middle;
  }
  return high * MINUTE;
}

/**
 * The next instant specialists are available, or undefined when they are now (or always are).
 * Opening happens when the local clock reaches an interval's start, or when a clock change
 * jumps into an interval (an opening time inside the skipped hour, a repeated hour); those are
 * the candidates, each checked with the same rule as `isWithinBusinessHours`.
 */
export function nextOpening(hours: TBusinessHours | undefined, at: Date): Date | undefined {
  if (hours === undefined || isWithinBusinessHours(hours, at)) return undefined;
  const { timeZone } = hours;
  const now = at.getTime();
  const today = localTime(now, timeZone).day;
  let best: number | undefined;
  let foundOn: number | undefined;
  // Candidates of the next local day can still come first (around a clock change), so look one day further.
  for (let day = today; day <= today + SEARCH_DAYS && (foundOn === undefined || day <= foundOn + 1); day++) {
    const change = offsetChangeAround(day, timeZone);
    const candidates = hours.weekly[weekdayOf(day)].flatMap((interval) =>
      instantsOf(day, interval.fromMinute, timeZone),
    );
    if (change !== undefined) candidates.push(change);
    for (const time of candidates) {
      if (time > now && (best === undefined || time < best) && isOpenAt(hours, localTime(time, timeZone))) {
        best = time;
        foundOn ??= day;
      }
    }
  }
  return best === undefined ? undefined : new Date(best);
}

// ── "They will reply here {nextOpening}." ────────────────────────────────────

interface Phrasing {
  /** Locale for Intl's weekday and month names. */
  locale: string;
  /** When no opening is known (open now, or no opening within the search). */
  soon: string;
  today: (time: string) => string;
  tomorrow: (time: string) => string;
  weekday: (name: string, time: string, weekday: TWeekday) => string;
  /** `date` is Intl's day and month, such as "2 January". */
  date: (date: string, time: string) => string;
}

const english: Phrasing = {
  locale: 'en-GB', // "2 January"
  soon: 'shortly',
  today: (time) => `today at ${time}`,
  tomorrow: (time) => `tomorrow at ${time}`,
  weekday: (name, time) => `on ${name} at ${time}`,
  date: (date, time) => `on ${date} at ${time}`,
};

// Straight apostrophes: a curly one makes an SMS Unicode, halving what fits in one segment.
const phrasings: Record<string, Phrasing> = {
  en: english,
  fr: {
    locale: 'fr',
    soon: 'très bientôt',
    today: (time) => `aujourd'hui à ${time}`,
    tomorrow: (time) => `demain à ${time}`,
    weekday: (name, time) => `${name} à ${time}`,
    date: (date, time) => `le ${date} à ${time}`,
  },
  es: {
    locale: 'es',
    soon: 'en breve',
    today: (time) => `hoy ${esAt(time)}`,
    tomorrow: (time) => `mañana ${esAt(time)}`,
    weekday: (name, time) => `el ${name} ${esAt(time)}`,
    date: (date, time) => `el ${date} ${esAt(time)}`,
  },
  de: {
    locale: 'de',
    soon: 'in Kürze',
    today: (time) => `heute um ${time}`,
    tomorrow: (time) => `morgen um ${time}`,
    weekday: (name, time) => `am ${name} um ${time}`,
    date: (date, time) => `am ${date} um ${time}`,
  },
  it: {
    locale: 'it',
    soon: 'a breve',
    today: (time) => `oggi alle ${time}`,
    tomorrow: (time) => `domani alle ${time}`,
    weekday: (name, time) => `${name} alle ${time}`,
    // "l'8 gennaio", "l'11 gennaio"
    date: (date, time) => `${/^(8|11) /.test(date) ? "l'" : 'il '}${date} alle ${time}`,
  },
  pt: {
    locale: 'pt',
    soon: 'em breve',
    today: (time) => `hoje ${ptAt(time)}`,
    tomorrow: (time) => `amanhã ${ptAt(time)}`,
    weekday: (name, time, weekday) => `${weekday === 'sat' || weekday === 'sun' ? 'no' : 'na'} ${name} ${ptAt(time)}`,
    date: (date, time) => `em ${date} ${ptAt(time)}`,
  },
  ko: {
    locale: 'ko',
    soon: '곧',
    today: (time) => `오늘 ${time}`,
    tomorrow: (time) => `내일 ${time}`,
    weekday: (name, time) => `${name} ${time}`,
    date: (date, time) => `${date} ${time}`,
  },
};

// One o'clock is singular: "a la 01:00", "à 01:00".
const esAt = (time: string) => `${time.startsWith('01:') ? 'a la' : 'a las'} ${time}`;
const ptAt = (time: string) => `${time.startsWith('01:') ? 'à' : 'às'} ${time}`;

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * When specialists are back, for the `{nextOpening}` placeholder ("They will reply here
 * {nextOpening}."): "today at 14:00", "tomorrow at 08:00", "on Monday at 08:00", then "on
 * 2 January at 09:00" from a week ahead; always the business time zone's wall clock. In
 * `language` (its base language; English when there is no phrasing for it), and "shortly"
 * when no opening is ahead (open now, or no hours configured).
 */
export function describeNextOpening(hours: TBusinessHours | undefined, at: Date, language: string): string {
  const phrasing = phrasings[language.split('-')[0]?.toLowerCase() ?? ''] ?? english;
  const next = hours && nextOpening(hours, at);
  if (!hours || !next) return phrasing.soon;
  const from = localTime(at.getTime(), hours.timeZone);
  const to = localTime(next.getTime(), hours.timeZone);
  const time = hhmm(to.minute);
  const days = to.day - from.day;
  if (days === 0) return phrasing.today(time);
  if (days === 1) return phrasing.tomorrow(time);
  const dayDate = new Date(to.day * DAY);
  if (days < 7) {
    const name = new Intl.DateTimeFormat(phrasing.locale, { weekday: 'long', timeZone: 'UTC' }).format(dayDate);
    return phrasing.weekday(name, time, weekdayOf(to.day));
  }
  const date = new Intl.DateTimeFormat(phrasing.locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    dayDate,
  );
  return phrasing.date(date, time);
}
