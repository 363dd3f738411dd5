import { formatLink } from "../plan/format.js";
import type { Schedule } from "../plan/types.js";

export const CSV_COLUMNS = [
  "key",
  "title",
  "phase",
  "owner",
  "durationDays",
  "earlyStart",
  "earlyFinish",
  "lateStart",
  "lateFinish",
  "totalFloat",
  "freeFloat",
  "critical",
  "deadline",
  "predecessors",
] as const;

/**
 * One row per work package, in the plan's order (RFC 4180: CRLF line ends, fields quoted when they
 * hold a comma, quote or line break). Predecessors are `design:FS+1`, separated by `; `. Free text
 * that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a
 * leading `'`, as OWASP advises for CSV injection.
 */
export function renderCsv(schedule: Schedule): string {
  const rows: string[] = [CSV_COLUMNS.join(",")];
  for (const wp of schedule.workPackages) {
    rows.push(
      [
        wp.key,
        text(wp.title),
        text(wp.phase ?? ""),
        text(wp.owner ?? ""),
        String(wp.durationDays),
        wp.earlyStart,
        wp.earlyFinish,
        wp.lateStart,
        wp.lateFinish,
        String(wp.totalFloat),
        String(wp.freeFloat),
        wp.critical ? "true" : "false",
        wp.deadline ?? "",
        wp.dependsOn.map(formatLink).join("; "),
      ]
        .map(field)
        .join(","),
    );
  }
  return `${rows.join("\r\n")}\r\n`;
}

function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
