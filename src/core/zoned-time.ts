/**
 * Wall-clock arithmetic in an IANA time zone with Intl only (no date library). Pure.
 * Local dates are "YYYY-MM-DD" strings; weekdays are ISO (1 = Monday … 7 = Sunday).
 */

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const weekdayNumbers: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdayNumbers[parts.weekday ?? ''] ?? 1,
  };
}

/** The wall clock in `timeZone` at instant `time`, read as if it were UTC (ms, whole seconds). */
export function wallClock(time: number, timeZone: string): number {
  const p = localParts(new Date(time), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** How far the zone's wall clock is ahead of UTC at that instant, in ms. */
function offsetAt(time: number, timeZone: string): number {
  return wallClock(time, timeZone) - Math.floor(time / 1000) * 1000;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The local calendar date of an instant. */
export function localDate(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

function dateParts(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`${JSON.stringify(date)} is not a YYYY-MM-DD date`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = dateParts(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date (1 = Monday). */
export function weekdayOf(date: string): number {
  const [year, month, day] = dateParts(date);
  const sundayFirst = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return sundayFirst === 0 ? 7 : sundayFirst;
}

/**
 * The instant the zone's clocks read `date` `time` ("HH:MM"). In the hour skipped when
 * clocks go forward, the instant after the jump; in the hour repeated when they go back,
 * the first of the two.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = dateParts(date);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour ?? 0, minute ?? 0);
  // The offsets a day either side: zones change offset at most once in two days.
  const before = offsetAt(wall - 86_400_000, timeZone);
  const after = offsetAt(wall + 86_400_000, timeZone);
  const valid = [wall - before, wall - after].filter((time) => offsetAt(time, timeZone) === wall - time);
  return new Date(valid.length > 0 ? Math.min(...valid) : wall - before);
}

/** Local midnight starting the calendar date. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return zonedInstant(date, '00:00', timeZone);
}

/** The ISO 8601 week of a calendar date, as "2026-W48". */
export function isoWeekId(date: string): string {
  const thursday = addDays(date, 4 - weekdayOf(date));
  const [year] = dateParts(thursday);
  const firstThursdayOrdinal = (Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000;
  return `${year}-W${pad(Math.floor(firstThursdayOrdinal / 7) + 1)}`;
}
