import { fromEpochDay, toEpochDay } from "../plan/calendar.js";
import { formatLink } from "../plan/format.js";
import type { Schedule } from "../plan/types.js";

export interface ICalendarOptions {
  workshopId: string;
  /** The calendar's name in calendar apps. */
  name: string;
  /** When the plan last changed: every event's DTSTAMP and LAST-MODIFIED, so output is deterministic. */
  updatedAt: Date;
}

/**
 * An iCalendar feed (RFC 5545) with one all-day VEVENT per work package, from its early start to
 * the day after its early finish (DTEND is exclusive); a milestone is one day. UIDs are
 * `<workshopId>-<key>@baton`, so a subscribed calendar updates events in place when the plan
 * changes. TEXT values are escaped (`\\`, `\;`, `\,`, `\n`), lines end in CRLF and are folded at
 * 75 octets without splitting a UTF-8 character.
 */
export function renderICalendar(schedule: Pick<Schedule, "workPackages">, opts: ICalendarOptions): string {
  const stamp = utcStamp(opts.updatedAt);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Baton//Roadmap//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `NAME:${escapeText(opts.name)}`,
    `X-WR-CALNAME:${escapeText(opts.name)}`,
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H",
  ];
  for (const wp of schedule.workPackages) {
    const start = toEpochDay(wp.earlyStart);
    const end = toEpochDay(wp.earlyFinish) + 1;
    const milestone = wp.durationDays === 0;
    const details = [
      milestone
        ? `Milestone on ${wp.earlyStart}.`
        : `${wp.durationDays} working day${wp.durationDays === 1 ? "" : "s"}: ${wp.earlyStart} to ${wp.earlyFinish}.`,
      `Latest: ${milestone ? wp.lateFinish : `${wp.lateStart} to ${wp.lateFinish}`}; total float ${wp.totalFloat}, free float ${wp.freeFloat}${wp.critical ? " (critical)" : ""}.`,
      wp.owner ? `Owner: ${wp.owner}` : "",
      wp.phase ? `Phase: ${wp.phase}` : "",
      wp.deadline ? `Deadline: ${wp.deadline}` : "",
      wp.dependsOn.length ? `After: ${wp.dependsOn.map(formatLink).join(", ")}` : "",
    ].filter(Boolean);
    lines.push(
      "BEGIN:VEVENT",
      `UID:${opts.workshopId}-${wp.key}@baton`,
      `DTSTAMP:${stamp}`,
      `LAST-MODIFIED:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDate(start)}`,
      `DTEND;VALUE=DATE:${basicDate(end)}`,
      `SUMMARY:${escapeText(wp.critical ? `${wp.title} (critical)` : wp.title)}`,
      `DESCRIPTION:${escapeText(details.join("\n"))}`,
      ...(wp.phase ? [`CATEGORIES:${escapeText(wp.phase)}`] : []),
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

/** RFC 5545 TEXT: backslash, semicolon and comma escaped; every line break becomes `\n`. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Octets of one code point in UTF-8. */
function utf8Octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Folds a content line into lines of at most 75 octets; continuation lines start with one space. */
export function fold(line: string): string {
  if (line.length <= 25) return line; // at most 3 octets per UTF-16 unit: cannot exceed 75
  const parts: string[] = [];
  let start = 0;
  let octets = 0;
  let i = 0;
  while (i < line.length) {
    const codePoint = line.codePointAt(i) ?? 0;
    const units = codePoint > 0xffff ? 2 : 1;
    const size = utf8Octets(codePoint);
    const limit = parts.length === 0 ? 75 : 74; // the leading space counts
    if (octets + size > limit) {
      parts.push(line.slice(start, i));
      start = i;
      octets = 0;
    }
    octets += size;
    i += units;
  }
  parts.push(line.slice(start));
  return parts.join("\r\n ");
}

function basicDate(day: number): string {
  return fromEpochDay(day).replaceAll("-", "");
}

function utcStamp(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}
