import type { WorkshopTemplate } from "../templates/index.js";
import { addCalendarDays, parseLocalTime, zonedToInstant } from "../time/zoned.js";

/** One agenda item as written: local wall-clock times on day N of the workshop. */
export interface AgendaItemInput {
  day: number;
  start: string;
  end: string;
  kind: "session" | "break";
  title: string;
  topics?: string[] | undefined;
  outputs?: string[] | undefined;
}

export interface AgendaProblem {
  /** Index of the offending item. */
  index: number;
  field: "start" | "end" | "day";
  kind: "format" | "length" | "order" | "overlap";
  message: string;
}

export interface PlannedAgendaItem {
  position: number;
  day: number;
  kind: "session" | "break";
  title: string;
  topics: string[];
  outputs: string[];
  localStart: string;
  localEnd: string;
  plannedStart: Date;
  plannedEnd: Date;
}

/** The template's days flattened into one ordered list of items. */
export function templateAgenda(template: WorkshopTemplate): AgendaItemInput[] {
  return template.days.flatMap((d) => d.sessions.map((s) => ({ ...s, day: d.day })));
}

/**
 * Every problem with an agenda at once: times that are not HH:MM, items shorter than a minute
 * or ending before they start, items out of order, and items that overlap the one before.
 * Days are consecutive calendar days; an item may not cross midnight.
 */
export function checkAgenda(items: readonly AgendaItemInput[]): AgendaProblem[] {
  const problems: AgendaProblem[] = [];
  // The latest-ending item so far, which the next item on the same day must not start before.
  let latest: { index: number; day: number; end: number; title: string } | undefined;
  let lastDay = { index: -1, day: 0, title: "" };
  items.forEach((item, index) => {
    const outOfOrder = item.day < lastDay.day;
    if (outOfOrder) {
      problems.push({
        index,
        field: "day",
        kind: "order",
        message: `"${item.title}" is on day ${item.day}, after item ${lastDay.index} ("${lastDay.title}") on day ${lastDay.day}: items must be in order`,
      });
    } else {
      lastDay = { index, day: item.day, title: item.title };
    }
    const start = parseLocalTime(item.start);
    const end = parseLocalTime(item.end);
    if (start === null)
      problems.push({
        index,
        field: "start",
        kind: "format",
        message: `"${item.start}" is not a time (HH:MM)`,
      });
    if (end === null)
      problems.push({ index, field: "end", kind: "format", message: `"${item.end}" is not a time (HH:MM)` });
    if (start === null || end === null || outOfOrder) return;
    if (end <= start) {
      problems.push({
        index,
        field: "end",
        kind: "length",
        message: `"${item.title}" ends at ${item.end}, not after its start ${item.start} (items last at least a minute and end on their own day)`,
      });
    }
    if (latest && item.day === latest.day && start < latest.end) {
      problems.push({
        index,
        field: "start",
        kind: "overlap",
        message: `"${item.title}" starts at ${item.start}, before item ${latest.index} ("${latest.title}") ends at ${fmt(latest.end)}: items must be in order and must not overlap`,
      });
    }
    if (!latest || item.day > latest.day || end > latest.end) {
      latest = { index, day: item.day, end: Math.max(end, start), title: item.title };
    }
  });
  return problems;
}

/**
 * Resolves each item's local times to instants in `timeZone`, day 1 being `startDate`.
 * Callers check the agenda first; this assumes `checkAgenda` found nothing.
 */
export function planAgenda(
  items: readonly AgendaItemInput[],
  opts: { startDate: string; timeZone: string },
): PlannedAgendaItem[] {
  return items.map((item, position) => {
    const date = addCalendarDays(opts.startDate, item.day - 1);
    return {
      position,
      day: item.day,
      kind: item.kind,
      title: item.title,
      topics: item.topics ?? [],
      outputs: item.outputs ?? [],
      localStart: item.start,
      localEnd: item.end,
      plannedStart: zonedToInstant(date, parseLocalTime(item.start) ?? 0, opts.timeZone),
      plannedEnd: zonedToInstant(date, parseLocalTime(item.end) ?? 0, opts.timeZone),
    };
  });
}

function fmt(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
