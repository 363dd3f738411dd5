import { tzOffset } from "@date-fns/tz";

/**
 * The canonical name of an IANA time zone ("utc" → "UTC"), or null when the runtime does not know it.
 * Offsets such as "+01:00" are refused: a workshop lives in a place, not an offset.
 */
export function canonicalTimeZone(name: string): string | null {
  const known = canonical.get(name);
  if (known !== undefined) return known;
  let result: string | null = null;
  if (/^[A-Za-z]/.test(name)) {
    try {
      result = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      result = null;
    }
  }
  // Building a DateTimeFormat costs ~0.1 ms; there are only a few hundred zone names.
  if (canonical.size < 2000) canonical.set(name, result);
  return result;
}

const canonical = new Map<string, string | null>();

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseLocalTime(hhmm: string): number | null {
  const m = TIME_RE.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addCalendarDays(isoDate: string, days: number): string {
  const m = DATE_RE.exec(isoDate);
  if (!m) throw new RangeError(`not a date: ${isoDate}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

/**
 * The instant at which the wall clock in `timeZone` reads `isoDate` `minutesOfDay`.
 * Resolved like Temporal's "compatible" disambiguation: a time that occurs twice (clocks go back)
 * is the earlier instant; a time skipped by clocks going forward moves forward by the gap
 * (02:30 on a spring-forward night is 03:30 summer time).
 */
export function zonedToInstant(isoDate: string, minutesOfDay: number, timeZone: string): Date {
  const m = DATE_RE.exec(isoDate);
  if (!m) throw new RangeError(`not a date: ${isoDate}`);
  const wallAsUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 0, minutesOfDay);
  const DAY = 86_400_000;
  // The offsets in force a day either side bracket any single transition on this date.
  const before = tzOffset(timeZone, new Date(wallAsUtc - DAY));
  const after = tzOffset(timeZone, new Date(wallAsUtc + DAY));
  const candidates = [...new Set([before, after])]
    .map((offsetMin) => wallAsUtc - offsetMin * 60_000)
    .filter((t) => wallAsUtc - tzOffset(timeZone, new Date(t)) * 60_000 === t)
    .sort((a, b) => a - b);
  const chosen = candidates[0];
  if (chosen !== undefined) return new Date(chosen);
  // In the gap: read the wall time with the offset from before the jump, which lands after it.
  return new Date(wallAsUtc - before * 60_000);
}

const hhmm = new Map<string, Intl.DateTimeFormat>();

/** "HH:MM" on the wall clock in `timeZone`. */
export function formatLocalTime(date: Date, timeZone: string): string {
  let f = hhmm.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    hhmm.set(timeZone, f);
  }
  return f.format(date);
}
