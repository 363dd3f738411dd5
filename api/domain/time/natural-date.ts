import { tzOffset } from "@date-fns/tz";
import { addCalendarDays } from "./zoned.js";

/**
 * Due dates written as people say them ("by end of April"), resolved to a local calendar date
 * (`YYYY-MM-DD`) in the workshop's time zone. Pure: `now` and the zone are passed in.
 *
 * Understood (case-insensitive, an optional leading "by"):
 * - `2027-03-31`: that date, past or not.
 * - `today`, `tomorrow`.
 * - `friday`, `next friday`: the first Friday strictly after today (so on a Friday, a week later).
 * - `in 3 days`, `in 2 weeks`, `in 1 month` (same day of the month, clamped to its last day).
 * - `end of april`, `end of april 2027`, `april 30`, `30 april 2027`: the month's last day (or that
 *   day); without a year, the next one that has not passed yet.
 * - `end of week`: the coming Friday (today on a Friday); `end of month`, `end of next month`,
 *   `end of year`.
 * - `q3`, `q3 2027`, `end of q3`: the quarter's last day; without a year, the next one not yet over.
 */
export type DueDateParse = { kind: "ok"; date: string } | { kind: "invalid"; message: string };

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** The local calendar date of `now` in `timeZone`. */
export function localDate(now: Date, timeZone: string): string {
  const local = new Date(now.getTime() + tzOffset(timeZone, now) * 60_000);
  return local.toISOString().slice(0, 10);
}

function ymd(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

function iso(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

function lastDayOfMonth(y: number, m: number): string {
  return iso(y, m + 1, 0);
}

function month(word: string): number | null {
  const w = word.toLowerCase();
  if (w.length < 3) return null;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i < 0 ? null : i + 1;
}

function validIso(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  return iso(Number(m[1]), Number(m[2]), Number(m[3])) === text;
}

export function parseDueDate(phrase: string, opts: { now: Date; timeZone: string }): DueDateParse {
  const text = phrase
    .trim()
    .toLowerCase()
    .replace(/^by\s+/, "")
    .replace(/\s+/g, " ")
    .replace(/^the /, "")
    .replace(/ the /g, " ");
  const today = localDate(opts.now, opts.timeZone);
  const [ty, tm] = ymd(today);
  const ok = (date: string): DueDateParse => ({ kind: "ok", date });
  // Without a year: this year's, or next year's once this year's has passed.
  const upcoming = (make: (year: number) => string, year?: string) =>
    year ? ok(make(Number(year))) : ok(make(ty) >= today ? make(ty) : make(ty + 1));

  if (validIso(text)) return ok(text);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text))
    return { kind: "invalid", message: `${phrase} is not a calendar date` };
  if (text === "today") return ok(today);
  if (text === "tomorrow") return ok(addCalendarDays(today, 1));

  const weekday = /^(?:next |this |on )?([a-z]+)$/.exec(text);
  const wd = weekday ? WEEKDAYS.indexOf(weekday[1] ?? "") : -1;
  if (wd >= 0) {
    const dow = new Date(`${today}T00:00:00Z`).getUTCDay();
    return ok(addCalendarDays(today, (wd - dow + 7) % 7 || 7));
  }

  const within = /^in (\d{1,3}) (day|week|month)s?$/.exec(text);
  if (within) {
    const n = Number(within[1]);
    if (within[2] === "day") return ok(addCalendarDays(today, n));
    if (within[2] === "week") return ok(addCalendarDays(today, 7 * n));
    const [, , td] = ymd(today);
    const target = lastDayOfMonth(ty, tm + n);
    const [yy, mm, last] = ymd(target);
    return ok(iso(yy, mm, Math.min(td, last)));
  }

  if (text === "end of week") {
    const dow = new Date(`${today}T00:00:00Z`).getUTCDay();
    return ok(addCalendarDays(today, (5 - dow + 7) % 7));
  }
  if (text === "end of month") return ok(lastDayOfMonth(ty, tm));
  if (text === "end of next month") return ok(lastDayOfMonth(ty, tm + 1));
  if (text === "end of year") return ok(iso(ty, 12, 31));

  const quarter = /^(?:end of )?q([1-4])(?: (\d{4}))?$/.exec(text);
  if (quarter) {
    const q = Number(quarter[1]);
    return upcoming((y) => lastDayOfMonth(y, q * 3), quarter[2]);
  }

  const endOf = /^end of ([a-z]+)(?: (\d{4}))?$/.exec(text);
  const endMonth = endOf ? month(endOf[1] ?? "") : null;
  if (endOf && endMonth) return upcoming((y) => lastDayOfMonth(y, endMonth), endOf[2]);

  // "30 april [2027]" or "april 30 [2027]".
  const dm = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)(?: (\d{4}))?$/.exec(text);
  const md = /^([a-z]+) (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?$/.exec(text);
  const parts = dm
    ? { day: dm[1], month: dm[2], year: dm[3] }
    : md
      ? { day: md[2], month: md[1], year: md[3] }
      : null;
  const mo = parts ? month(parts.month ?? "") : null;
  if (parts && mo) {
    const day = Number(parts.day);
    const fits = (y: number) => day >= 1 && day <= ymd(lastDayOfMonth(y, mo))[2];
    // 29 February without a year: the next year that has one.
    const year = parts.year
      ? Number(parts.year)
      : [ty, ty + 1, ty + 2, ty + 3, ty + 4].find((y) => fits(y) && iso(y, mo, day) >= today);
    if (year === undefined || !fits(year))
      return { kind: "invalid", message: `${phrase} is not a calendar date` };
    return ok(iso(year, mo, day));
  }

  return {
    kind: "invalid",
    message:
      `cannot read "${phrase}" as a date: write YYYY-MM-DD, or e.g. "end of April", "next Friday", ` +
      `"in 2 weeks", "Q3"`,
  };
}
