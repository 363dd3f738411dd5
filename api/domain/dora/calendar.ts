import { addCalendarDays, zonedToInstant } from "../time/zoned.js";

/** Day names a week may start on, indexed like `Date#getUTCDay()` (0 = Sunday). */
export const WEEKDAYS = [
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (`YYYY-MM-DD`) the wall clock in `timeZone` shows at `instant`. */
export function localDate(instant: Date | number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(instant)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The first instant of a local date: local midnight, or the end of the gap when clocks skip midnight. */
export function startOfLocalDay(isoDate: string, timeZone: string): Date {
  return zonedToInstant(isoDate, 0, timeZone);
}

function dayOfWeek(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

/** The first date of the calendar week (starting on `weekStart`) that contains `isoDate`. */
export function weekOf(isoDate: string, weekStart: Weekday): string {
  const back = (dayOfWeek(isoDate) - WEEKDAYS.indexOf(weekStart) + 7) % 7;
  return addCalendarDays(isoDate, -back);
}

/** The calendar month (`YYYY-MM`) of a date. */
export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

/** `YYYY-MM` plus `months` calendar months. */
function addMonths(month: string, months: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + months, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * The first and last local dates the half-open window `[from, to)` touches. The last one is the
 * date of the window's last millisecond, so a window ending at local midnight stops the day before.
 */
export function windowDates(from: Date, to: Date, timeZone: string): { first: string; last: string } {
  return { first: localDate(from, timeZone), last: localDate(to.getTime() - 1, timeZone) };
}

/** The calendar weeks (by their first date) that overlap `[from, to)`, partial ones at the edges included. */
export function weeksOverlapping(from: Date, to: Date, timeZone: string, weekStart: Weekday): string[] {
  const { first, last } = windowDates(from, to, timeZone);
  const weeks: string[] = [];
  for (let w = weekOf(first, weekStart); w <= last; w = addCalendarDays(w, 7)) weeks.push(w);
  return weeks;
}

/** The calendar months (`YYYY-MM`) that overlap `[from, to)`, partial ones at the edges included. */
export function monthsOverlapping(from: Date, to: Date, timeZone: string): string[] {
  const { first, last } = windowDates(from, to, timeZone);
  const months: string[] = [];
  for (let m = monthOf(first); m <= monthOf(last); m = addMonths(m, 1)) months.push(m);
  return months;
}

export type Interval = "week" | "month";

export interface Period {
  from: Date;
  to: Date;
}

/**
 * `[from, to)` cut at the starts of calendar weeks or months in `timeZone` (local midnight), so the
 * first and last periods may be partial. Without an interval, the window is the only period.
 */
export function periodsOf(
  from: Date,
  to: Date,
  timeZone: string,
  interval: Interval | null,
  weekStart: Weekday,
): Period[] {
  if (!interval) return [{ from, to }];
  const starts =
    interval === "week"
      ? weeksOverlapping(from, to, timeZone, weekStart).map((w) => startOfLocalDay(w, timeZone))
      : monthsOverlapping(from, to, timeZone).map((m) => startOfLocalDay(`${m}-01`, timeZone));
  const cuts = starts.filter((s) => s > from && s < to);
  const bounds = [from, ...cuts, to];
  return bounds.slice(0, -1).map((f, i) => ({ from: f, to: bounds[i + 1] as Date }));
}

/** The index of the period an instant falls in: how many period starts after the first are ≤ it. */
export function periodIndex(periods: readonly Period[], instant: number): number {
  let i = 0;
  while (i + 1 < periods.length && (periods[i + 1] as Period).from.getTime() <= instant) i++;
  return i;
}
