import { fromEpochDay, isoWeekday, toEpochDay, WorkingCalendar } from "../plan/calendar.js";
import type { Schedule } from "../plan/types.js";
import { type GroupBy, groupWorkPackages } from "./groups.js";

const WEEKDAYS = ["", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
/** Words Mermaid reads as task tags when they come first in a task's data. */
const TAGS = new Set(["active", "done", "crit", "milestone", "vert"]);
/** Line starts Mermaid's gantt lexer takes as statements (case-insensitive), not task text. */
const STATEMENT_START =
  /^(gantt\b|dateformat\s|inclusiveenddates\b|topaxis\b|axisformat\s|tickinterval\s|includes\s|excludes\s|todaymarker\s|weekday\s|weekend\s|title\s|section\s|click\s|acctitle\s*:|accdescr|accdescription\s|href\s|call\s|\d{4}-\d\d-\d\d\b|"|%)/i;

/**
 * A Mermaid `gantt` chart with explicit dates: Mermaid's own dependencies (`after x`) cannot carry
 * lags or link types, so each task gets its early start and its exclusive end (the calendar day
 * after its early finish); critical tasks are `crit`, milestones `milestone` on the day they show.
 * Non-working weekdays and holidays within the plan are `excludes`, which Mermaid greys out (it does
 * not move tasks with explicit end dates).
 */
export function renderMermaid(schedule: Schedule, opts: { title: string; groupBy: GroupBy }): string {
  const lines = [
    "gantt",
    `    title ${text(opts.title)}`,
    "    dateFormat YYYY-MM-DD",
    "    axisFormat %Y-%m-%d",
  ];
  const excludes = excluded(schedule);
  if (excludes.length) lines.push(`    excludes ${excludes.join(", ")}`);
  for (const group of groupWorkPackages(schedule, opts.groupBy)) {
    lines.push(`    section ${text(group.label)}`);
    for (const wp of group.workPackages) {
      const tags = [wp.critical ? "crit" : "", wp.durationDays === 0 ? "milestone" : ""].filter(Boolean);
      const id = TAGS.has(wp.key) ? `wp-${wp.key}` : wp.key;
      const end = wp.durationDays === 0 ? "0d" : fromEpochDay(toEpochDay(wp.earlyFinish) + 1);
      lines.push(`    ${text(wp.title)} :${[...tags, id, wp.earlyStart, end].join(", ")}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Non-working weekdays by name, then each holiday between the plan's start and finish that falls on a workday. */
function excluded(schedule: Schedule): string[] {
  const workdays = new Set(schedule.calendar.workdays);
  const names = [1, 2, 3, 4, 5, 6, 7].filter((d) => !workdays.has(d)).map((d) => WEEKDAYS[d] ?? "");
  const calendar = new WorkingCalendar(schedule.calendar);
  const dates: string[] = [];
  const last = toEpochDay(schedule.finish);
  for (let day = toEpochDay(schedule.start); day <= last; day++) {
    if (workdays.has(isoWeekday(day)) && !calendar.isWorkingDay(day)) dates.push(fromEpochDay(day));
  }
  return [...names, ...dates];
}

/**
 * Text Mermaid shows as written: line breaks become spaces, and the characters its grammar uses
 * (`:` ends a task's name, `#` and `;` end statements, `%` starts comments) become entity codes
 * (`#58;`), which Mermaid decodes when it draws. A name that begins like a statement (`Section 5`)
 * gets its first character encoded too.
 */
export function text(value: string): string {
  const flat = value.replace(/[\r\n\t]+/g, " ").trim();
  const encoded = flat.replace(/[#:;%]/g, (c) => `#${c.charCodeAt(0)};`);
  if (!STATEMENT_START.test(flat) || /^[#:;%]/.test(flat)) return encoded;
  return `#${flat.charCodeAt(0)};${encoded.slice(1)}`;
}
