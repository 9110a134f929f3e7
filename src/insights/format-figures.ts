import { addDays, localDate, localParts } from '../core/zoned-time';

/** How figures read in the terminal, in Slack and on the App Home. Pure. */

export const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h"; "—" for no value. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** "42%", "4.5%" under 10%; "—" for no value. */
export function formatShare(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '—';
  const percent = share * 100;
  if (percent !== 0 && Math.abs(percent) < 10) return `${percent.toFixed(1)}%`;
  return `${Math.round(percent)}%`;
}

/** "+4 (+50%)", "-2 (-20%)", "+3 (new)", "0". */
export function formatChange(change: number, changeShare: number | null): string {
  if (change === 0) return '0';
  const sign = change > 0 ? '+' : '';
  const share = changeShare === null ? 'new' : `${sign}${formatShare(changeShare)}`;
  return `${sign}${change} (${share})`;
}

/**
 * A period as people read it: "2026-11-16 … 2026-11-22" when it runs from local midnight to
 * local midnight (the last day shown is the last day included), else the exact local times.
 */
export function formatPeriod(from: Date, to: Date, timeZone: string): string {
  const start = localParts(from, timeZone);
  const end = localParts(to, timeZone);
  const midnight = (p: typeof start) => p.hour === 0 && p.minute === 0 && p.second === 0;
  if (midnight(start) && midnight(end)) {
    const last = addDays(localDate(to, timeZone), -1);
    const first = localDate(from, timeZone);
    return first === last ? first : `${first} … ${last}`;
  }
  const at = (date: Date, p: typeof start) =>
    `${localDate(date, timeZone)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return `${at(from, start)} … ${at(to, end)} (end excluded)`;
}

export function formatHourSlot(weekday: number, hour: number): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${weekdayNames[weekday - 1] ?? '?'} ${pad(hour)}:00–${pad((hour + 1) % 24)}:00`;
}

export const triggerLabels: Record<string, string> = {
  keyword: 'keyword',
  ask_for_human: 'asked for a person',
  tag: 'tag',
  action: 'form completed',
  ai_unsure: 'AI unsure',
  rule: 'rule',
  specialist: 'specialist took over',
  other: 'other',
};
