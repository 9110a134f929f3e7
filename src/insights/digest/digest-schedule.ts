import { type TWeekday, weekdays } from '../../config/baton-config.schema';
import { addDays, isoWeekId, localDate, weekdayOf, zonedInstant } from '../../core/zoned-time';

export interface DigestSchedule {
  weekday: TWeekday;
  /** "HH:MM", local. */
  time: string;
  timeZone: string;
}

/** The first digest time strictly after `after`: the configured weekday and local time. Pure. */
export function nextDigestRun(after: Date, schedule: DigestSchedule): Date {
  const wanted = weekdays.indexOf(schedule.weekday) + 1;
  const today = localDate(after, schedule.timeZone);
  for (let offset = 0; offset <= 7; offset++) {
    const day = addDays(today, offset);
    if (weekdayOf(day) !== wanted) continue;
    const at = zonedInstant(day, schedule.time, schedule.timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  // Unreachable: within eight days the weekday comes round at a later time.
  return zonedInstant(addDays(today, 7), schedule.time, schedule.timeZone);
}

/** One job per local ISO week ("digest-2026-W48"): adding the same week twice is a no-op. Pure. */
export function digestJobId(runAt: Date, timeZone: string): string {
  return `digest-${isoWeekId(localDate(runAt, timeZone))}`;
}
