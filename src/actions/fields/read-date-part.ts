import type * as chrono from 'chrono-node';
import { addDays, type CalendarDate, toIsoDate } from './calendar-date';
import { baseLanguage } from './normalize-answer';

/**
 * One date as the traveler wrote it, before a year is chosen:
 * - `full`: a day and a month, with the year when it was written (or implied, as by "tomorrow");
 * - `weekday`: "Friday", "next Friday": `date` is the coming one;
 * - `day`: a bare day of the month ("12" in "12 to 19 June"), which borrows the other end's month.
 */
export type DatePart =
  | { kind: 'full'; year: number | null; month: number; day: number }
  | { kind: 'weekday'; weekday: number; date: CalendarDate }
  | { kind: 'day'; day: number };

/** The casual parser of each language chrono reads besides English. */
function localeParsers(lib: typeof chrono): Record<string, chrono.Chrono> {
  return {
    fr: lib.fr.casual,
    de: lib.de.casual,
    es: lib.es.casual,
    pt: lib.pt.casual,
    nl: lib.nl.casual,
    it: lib.it.casual,
    ja: lib.ja.casual,
    zh: lib.zh.casual,
    ru: lib.ru.casual,
    uk: lib.uk.casual,
    sv: lib.sv.casual,
    fi: lib.fi.casual,
  };
}

/**
 * Parsers to try, in order: the traveler's language, then English. Only plain `en` and `en-US`
 * read 12/06/2027 month first; every other language (and English fallback for it) reads it day
 * first, as travelers outside the US write it.
 */
export function dateParsersFor(language: string): chrono.Chrono[] {
  // Loaded on first use, not at startup: only forms read dates, and the web never does.
  const lib = require('chrono-node') as typeof chrono;
  const base = baseLanguage(language);
  if (base === 'en') return [language === 'en' || language.toLowerCase() === 'en-us' ? lib.en.casual : lib.en.GB];
  const own = localeParsers(lib)[base];
  return own ? [own, lib.en.GB] : [lib.en.GB];
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Rewrites what chrono misreads or does not read into forms it reads: "day after tomorrow" (which
 * chrono reads as "tomorrow") becomes an ISO date, and Korean "6월 12일" becomes "12 June".
 */
export function rewriteDateExpressions(text: string, today: CalendarDate): string {
  const inTwoDays = toIsoDate(addDays(today, 2));
  return text
    .replace(/\b(?:the\s+)?day\s+after\s+tomorrow\b|apr[eè]s[-\s]demain|pasado\s+ma[nñ]ana|[üu]bermorgen/giu, inTwoDays)
    .replace(/(?:(\d{4})\s*년\s*)?(\d{1,2})\s*월\s*(\d{1,2})\s*일/gu, (whole, year: string | undefined, month, day) => {
      const name = monthNames[Number(month) - 1];
      return name ? `${Number(day)} ${name}${year ? ` ${year}` : ''}` : whole;
    });
}

const bareDay = /^(\d{1,2})(?:st|nd|rd|th|er|re|e|ème|eme|º|ª|°|\.|일|日)?$/iu;

/** The date in one piece of text, or null when there is none (a time alone is not a date). */
export function readDatePart(text: string, parsers: chrono.Chrono[], today: CalendarDate): DatePart | null {
  const bare = bareDay.exec(text.trim());
  if (bare) {
    const day = Number(bare[1]);
    return day >= 1 && day <= 31 ? { kind: 'day', day } : null;
  }
  for (const result of parseAll(text, parsers, today)) {
    const part = toDatePart(result.start);
    if (part) return part;
  }
  return null;
}

/** Every chrono result in the text, by the first parser that finds a date in it. */
export function parseAll(text: string, parsers: chrono.Chrono[], today: CalendarDate): chrono.ParsedResult[] {
  // Chrono works in the machine's zone; a reference at noon of the traveler's today, in that
  // zone, makes "tomorrow" and "Friday" relative to the traveler's day whatever the machine's zone.
  const reference = new Date(today.year, today.month - 1, today.day, 12);
  for (const parser of parsers) {
    const results = parser.parse(text, reference, { forwardDate: true });
    if (results.some((result) => toDatePart(result.start))) return results;
  }
  return [];
}

export function toDatePart(components: chrono.ParsedComponents): DatePart | null {
  const get = (component: chrono.Component) => components.get(component) ?? 0;
  if (components.isCertain('day') && components.isCertain('month')) {
    return {
      kind: 'full',
      year: components.isCertain('year') ? get('year') : null,
      month: get('month'),
      day: get('day'),
    };
  }
  if (components.isCertain('weekday')) {
    return {
      kind: 'weekday',
      weekday: get('weekday'),
      date: { year: get('year'), month: get('month'), day: get('day') },
    };
  }
  if (components.isCertain('day')) return { kind: 'day', day: get('day') };
  return null;
}
