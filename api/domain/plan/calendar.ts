import { publicHolidays } from "./public-holidays.js";
import type { CalendarInput } from "./types.js";

/**
 * A working-day calendar. Working days are numbered from the plan's start: day 0 is `start` when it
 * is a working day, else the first working day after it; day 1 is the next working day, and so on.
 * Days before day 0 are numbered −1, −2, … (late dates can fall there when a deadline is missed).
 * Internally a date is an epoch day: whole days since 1970-01-01, so weekdays and ranges are integer
 * maths and no time zone is involved anywhere.
 */

const DAY_MS = 86_400_000;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Working days exist only this many years either side of the start: bounds the work and the memory. */
export const HORIZON_YEARS = 50;

export const DEFAULT_WORKDAYS: readonly number[] = [1, 2, 3, 4, 5];

const WEEKDAY_NAMES = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/** Epoch day of an ISO date; throws on anything that is not a real calendar date. */
export function toEpochDay(iso: string): number {
  const m = ISO_DATE_RE.exec(iso);
  if (!m) throw new RangeError(`not a date: ${iso}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`not a date: ${iso}`);
  }
  return Math.round(ms / DAY_MS);
}

export function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function weekdayName(day: number): string {
  return WEEKDAY_NAMES[isoWeekday(day)] ?? "";
}

/** The same month and day `years` later (29 February becomes 1 March in common years). */
function addYears(day: number, years: number): number {
  const d = new Date(day * DAY_MS);
  return Math.round(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()) / DAY_MS);
}

function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export interface NonWorkingDay {
  date: string;
  reason: "notAWorkday" | "holiday" | "publicHoliday";
  /** The public holiday's name. */
  name?: string;
}

export class WorkingCalendar {
  readonly startDay: number;
  /** Inclusive bounds of the horizon, as epoch days. */
  readonly firstDay: number;
  readonly lastDay: number;
  private readonly workday: boolean[];
  private readonly holidays: Set<number>;
  private readonly country: string | null;
  private readonly publicHolidayNames = new Map<number, string>();
  /** Years of public holidays loaded so far: [loadedFromYear, loadedToYear]. */
  private loadedFromYear = 0;
  private loadedToYear = -1;
  /** forward[i] is the epoch day of working day i; backward[j] that of working day −(j+1). */
  private readonly forward: number[] = [];
  private readonly backward: number[] = [];
  private nextForward: number;
  private nextBackward: number;
  private readonly isoCache = new Map<number, string>();

  constructor(input: CalendarInput) {
    this.startDay = toEpochDay(input.start);
    this.firstDay = addYears(this.startDay, -HORIZON_YEARS);
    this.lastDay = addYears(this.startDay, HORIZON_YEARS);
    this.workday = Array.from({ length: 8 }, () => false);
    for (const w of input.workdays ?? DEFAULT_WORKDAYS) {
      if (Number.isInteger(w) && w >= 1 && w <= 7) this.workday[w] = true;
    }
    this.holidays = new Set((input.holidays ?? []).map(toEpochDay));
    this.country = input.country ?? null;
    this.nextForward = this.startDay;
    this.nextBackward = this.startDay - 1;
  }

  /** Whether any weekday is a working day; without one there is no day 0. */
  get hasWorkdays(): boolean {
    return this.workday.some(Boolean);
  }

  private loadPublicHolidays(day: number): void {
    if (!this.country) return;
    const year = yearOf(day);
    if (year >= this.loadedFromYear && year <= this.loadedToYear) return;
    const years =
      this.loadedToYear < this.loadedFromYear
        ? [year]
        : year > this.loadedToYear
          ? range(this.loadedToYear + 1, year)
          : range(year, this.loadedFromYear - 1);
    for (const y of years) {
      for (const h of publicHolidays(this.country, y)) {
        const e = toEpochDay(h.date);
        if (!this.publicHolidayNames.has(e)) this.publicHolidayNames.set(e, h.name);
      }
    }
    this.loadedFromYear =
      this.loadedToYear < this.loadedFromYear ? year : Math.min(this.loadedFromYear, year);
    this.loadedToYear = Math.max(this.loadedToYear, year);
  }

  isWorkingDay(day: number): boolean {
    if (!this.workday[isoWeekday(day)] || this.holidays.has(day)) return false;
    this.loadPublicHolidays(day);
    return !this.publicHolidayNames.has(day);
  }

  /** Why `day` is not a working day, or null when it is one. */
  nonWorkingReason(day: number): NonWorkingDay | null {
    const date = this.iso(day);
    if (!this.workday[isoWeekday(day)]) return { date, reason: "notAWorkday" };
    if (this.holidays.has(day)) return { date, reason: "holiday" };
    this.loadPublicHolidays(day);
    const name = this.publicHolidayNames.get(day);
    return name === undefined ? null : { date, reason: "publicHoliday", name };
  }

  private extendForward(index: number): void {
    while (this.forward.length <= index && this.nextForward <= this.lastDay) {
      if (this.isWorkingDay(this.nextForward)) this.forward.push(this.nextForward);
      this.nextForward++;
    }
  }

  private extendBackward(count: number): void {
    while (this.backward.length < count && this.nextBackward >= this.firstDay) {
      if (this.isWorkingDay(this.nextBackward)) this.backward.push(this.nextBackward);
      this.nextBackward--;
    }
  }

  /** Epoch day of working day `index`, or undefined beyond the horizon. */
  epochOf(index: number): number | undefined {
    if (index >= 0) {
      this.extendForward(index);
      return this.forward[index];
    }
    this.extendBackward(-index);
    return this.backward[-index - 1];
  }

  /** Whether every working day from `from` to `to` (inclusive) lies within the horizon. */
  covers(from: number, to: number): boolean {
    return this.epochOf(from) !== undefined && this.epochOf(to) !== undefined;
  }

  iso(day: number): string {
    let s = this.isoCache.get(day);
    if (s === undefined) {
      s = fromEpochDay(day);
      this.isoCache.set(day, s);
    }
    return s;
  }

  /** ISO date of working day `index`; the caller has checked `covers`. */
  dateOf(index: number): string {
    const e = this.epochOf(index);
    if (e === undefined) throw new RangeError(`working day ${index} is beyond the calendar's horizon`);
    return this.iso(e);
  }

  /** Number of the last working day on or before the epoch day `day` (negative before day 0). */
  indexOnOrBefore(day: number): number {
    const first = this.epochOf(0);
    if (first !== undefined && day >= first) {
      // Extend until a working day after `day` exists or the horizon ends, then search.
      while (this.nextForward <= day && this.nextForward <= this.lastDay) {
        this.extendForward(this.forward.length);
      }
      let lo = 0;
      let hi = this.forward.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((this.forward[mid] ?? Number.POSITIVE_INFINITY) <= day) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    }
    // `backward` descends, so its last entry is the earliest found so far.
    while ((this.backward.at(-1) ?? Number.POSITIVE_INFINITY) > day && this.nextBackward >= this.firstDay) {
      this.extendBackward(this.backward.length + 1);
    }
    let lo = 0;
    let hi = this.backward.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.backward[mid] ?? Number.NEGATIVE_INFINITY) <= day) hi = mid;
      else lo = mid + 1;
    }
    return -(lo + 1);
  }

  /** The calendar days strictly between two epoch days that are not working days, in date order. */
  nonWorkingDaysBetween(a: number, b: number): NonWorkingDay[] {
    const out: NonWorkingDay[] = [];
    for (let d = Math.min(a, b) + 1; d < Math.max(a, b); d++) {
      const reason = this.nonWorkingReason(d);
      if (reason) out.push(reason);
    }
    return out;
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
