import {
  type CalendarDate,
  compareDates,
  formatDate,
  isRealDate,
  nextOccurrence,
  nextWeekdayAfter,
  todayIn,
  toIsoDate,
} from './calendar-date';
import type { FieldParse, FieldParseContext } from './field-parse';
import { type FieldReasonCode, fieldReason } from './field-reasons';
import {
  type DatePart,
  dateParsersFor,
  parseAll,
  readDatePart,
  rewriteDateExpressions,
  toDatePart,
} from './read-date-part';

/**
 * Date and date-range answers, read with chrono in the traveler's language (English as a
 * fallback). A date written without a year is the next such date, so never in the past; dates
 * before the traveler's today (in the business time zone) are refused with a reason.
 */

type Resolved = { ok: true; from: CalendarDate; to: CalendarDate } | { ok: false; code: FieldReasonCode };

/** Words before a date that chrono may not skip ("du 12", "entre el 12"). */
const leadingFiller =
  /^(?:(?:from|between|on|the|starting|du|des|de|del|le|la|el|entre|desde|dal|vom|von|van|da|do|dès|des)\s+)+/iu;

/** Where a range may be split, most telling first; each split is tried until both sides read as dates. */
const separators = [
  /\s+(?:to|until|till|til|through|thru|au|à|al|hasta|bis|tot|até|ao|a)\s+/giu,
  /\s*[~–—]\s*|\s+-\s+/gu,
  /(?<=\d)\s*-\s*(?=\d)/gu,
  /\s+(?:and|et|y|und|en|e)\s+/giu,
  /\s*,\s*/gu,
];

function resolve(part: DatePart, today: CalendarDate): CalendarDate | null {
  if (part.kind === 'weekday') return part.date;
  if (part.kind === 'day') return null;
  return part.year === null
    ? nextOccurrence(part.month, part.day, today)
    : { year: part.year, month: part.month, day: part.day };
}

function checkDate(date: CalendarDate, today: CalendarDate): FieldReasonCode | null {
  if (!isRealDate(date)) return 'dateInvalid';
  return compareDates(date, today) < 0 ? 'datePast' : null;
}

export function parseDateAnswer(answer: string, context: FieldParseContext): FieldParse {
  const today = todayIn(context.now, context.timeZone);
  const text = rewriteDateExpressions(answer.trim(), today);
  const part = text === '' ? null : readDatePart(text, dateParsersFor(context.language), today);
  const date = part && resolve(part, today);
  if (!date) return { ok: false, reason: fieldReason('dateUnreadable', context.language) };
  const problem = checkDate(date, today);
  if (problem) return { ok: false, reason: fieldReason(problem, context.language) };
  return { ok: true, value: toIsoDate(date), display: formatDate(date, context.language) };
}

/**
 * The two ends as one range. A bare day takes the other end's month and year ("12 to 19 June");
 * a start without a year takes the end's ("12 June to 19 June 2027"); an end without a year
 * follows the start, into the next year when its month comes earlier ("28 Dec to 3 Jan"); a
 * weekday end is the first such day after the start ("next Friday to Sunday").
 */
export function combineRange(start: DatePart, end: DatePart, today: CalendarDate): Resolved | null {
  let from: CalendarDate | null;
  if (start.kind === 'day') {
    if (end.kind !== 'full') return null;
    const to = resolve(end, today);
    from = to && { year: to.year, month: to.month, day: start.day };
  } else if (start.kind === 'full' && start.year === null && end.kind === 'full' && end.year !== null) {
    const year = start.month > end.month ? end.year - 1 : end.year;
    from = { year, month: start.month, day: start.day };
  } else {
    from = resolve(start, today);
  }
  if (!from) return null;

  let to: CalendarDate;
  if (end.kind === 'day') to = { ...from, day: end.day };
  else if (end.kind === 'weekday') to = nextWeekdayAfter(from, end.weekday);
  else if (end.year !== null) to = { year: end.year, month: end.month, day: end.day };
  else to = { year: end.month < from.month ? from.year + 1 : from.year, month: end.month, day: end.day };

  if (!isRealDate(from) || !isRealDate(to)) return { ok: false, code: 'dateInvalid' };
  if (compareDates(from, today) < 0) return { ok: false, code: 'rangePast' };
  if (compareDates(to, from) < 0) return { ok: false, code: 'rangeEndBeforeStart' };
  return { ok: true, from, to };
}

function readSide(text: string, parse: (piece: string) => DatePart | null): DatePart | null {
  const piece = text
    .replace(/[.!?,;:]+$/u, '')
    .trim()
    .replace(leadingFiller, '');
  return piece === '' ? null : parse(piece);
}

function splitRange(text: string, parse: (piece: string) => DatePart | null, today: CalendarDate): Resolved | null {
  for (const separator of separators) {
    for (const match of text.matchAll(separator)) {
      const start = readSide(text.slice(0, match.index), parse);
      const end = start && readSide(text.slice(match.index + match[0].length), parse);
      const range = start && end && combineRange(start, end, today);
      if (range) return range;
    }
  }
  return null;
}

export function parseDateRangeAnswer(answer: string, context: FieldParseContext): FieldParse {
  const today = todayIn(context.now, context.timeZone);
  const parsers = dateParsersFor(context.language);
  const text = rewriteDateExpressions(answer.trim().replace(/\s+/gu, ' '), today);
  const parse = (piece: string) => readDatePart(piece, parsers, today);

  let range = text === '' ? null : splitRange(text, parse, today);
  let foundOne = false;
  if (!range && text !== '') {
    // No split read as two dates: chrono's own range ("12 juin au 19 juin"), or two dates anywhere.
    const parts = parseAll(text, parsers, today).flatMap((result) =>
      [result.start, result.end].flatMap((components) => (components ? [toDatePart(components)] : [])),
    );
    const [start, end] = parts.filter((part): part is DatePart => part !== null);
    foundOne = start !== undefined;
    range = start && end ? combineRange(start, end, today) : null;
  }
  if (!range) {
    return { ok: false, reason: fieldReason(foundOne ? 'rangeNeedsEnd' : 'rangeUnreadable', context.language) };
  }
  if (!range.ok) return { ok: false, reason: fieldReason(range.code, context.language) };
  return {
    ok: true,
    value: { from: toIsoDate(range.from), to: toIsoDate(range.to) },
    display: `${formatDate(range.from, context.language)} – ${formatDate(range.to, context.language)}`,
  };
}
