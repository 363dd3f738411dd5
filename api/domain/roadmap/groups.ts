import type { Schedule, ScheduledWorkPackage } from "../plan/types.js";

export type GroupBy = "phase" | "owner";

export interface RoadmapGroup {
  /** The phase or owner; null for the packages without one. */
  name: string | null;
  label: string;
  workPackages: ScheduledWorkPackage[];
}

/**
 * The work packages grouped by phase or owner. Groups come in order of their earliest start (then
 * name, the unnamed group last among equals); packages by early start, early finish, then input order.
 */
export function groupWorkPackages(schedule: Schedule, by: GroupBy): RoadmapGroup[] {
  const byName = new Map<string | null, { wp: ScheduledWorkPackage; i: number }[]>();
  schedule.workPackages.forEach((wp, i) => {
    const name = (by === "phase" ? wp.phase : wp.owner) ?? null;
    const list = byName.get(name);
    if (list) list.push({ wp, i });
    else byName.set(name, [{ wp, i }]);
  });
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const groups = [...byName.entries()].map(([name, items]) => {
    items.sort(
      (a, b) => cmp(a.wp.earlyStart, b.wp.earlyStart) || cmp(a.wp.earlyFinish, b.wp.earlyFinish) || a.i - b.i,
    );
    return { name, items, first: items[0]?.wp.earlyStart ?? "" };
  });
  groups.sort(
    (a, b) =>
      cmp(a.first, b.first) ||
      (a.name === null ? 1 : 0) - (b.name === null ? 1 : 0) ||
      cmp(a.name ?? "", b.name ?? ""),
  );
  const none = by === "phase" ? "No phase" : "No owner";
  return groups.map((g) => ({
    name: g.name,
    label: g.name ?? none,
    workPackages: g.items.map((x) => x.wp),
  }));
}
