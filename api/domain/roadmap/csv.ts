import { renderCsvTable } from "../export/csv.js";
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
 * One row per work package, in the plan's order; predecessors are `design:FS+1`, separated by `; `.
 * Quoting, the byte-order mark and formula escaping as every Baton CSV (renderCsvTable).
 */
export function renderCsv(schedule: Schedule): string {
  return renderCsvTable(
    CSV_COLUMNS,
    schedule.workPackages.map((wp) => [
      wp.key,
      wp.title,
      wp.phase ?? "",
      wp.owner ?? "",
      wp.durationDays,
      wp.earlyStart,
      wp.earlyFinish,
      wp.lateStart,
      wp.lateFinish,
      wp.totalFloat,
      wp.freeFloat,
      wp.critical,
      wp.deadline ?? "",
      wp.dependsOn.map(formatLink).join("; "),
    ]),
  );
}
