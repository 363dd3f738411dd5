import { analysePlan, type PlanAnalysis, schedulePlan } from "../../api/domain/plan/schedule.js";
import type { PlanInput, Schedule, WorkPackageInput } from "../../api/domain/plan/types.js";

/** A work package with a title made from its key. */
export function wp(
  key: string,
  durationDays: number,
  dependsOn: WorkPackageInput["dependsOn"] = [],
  extra: Partial<WorkPackageInput> = {},
): WorkPackageInput {
  return { key, title: key[0]?.toUpperCase() + key.slice(1), durationDays, dependsOn, ...extra };
}

/** Monday 3 March 2025, Monday to Friday, no holidays, unless overridden. */
export function plan(
  workPackages: WorkPackageInput[],
  calendar: Partial<PlanInput["calendar"]> = {},
): PlanInput {
  return { calendar: { start: "2025-03-03", ...calendar }, workPackages };
}

/** The schedule, failing the test with the problems if the plan is refused. */
export function scheduled(input: PlanInput): Schedule {
  const result = schedulePlan(input);
  if (result.kind !== "ok") throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.schedule;
}

export function analysed(input: PlanInput): PlanAnalysis {
  const result = analysePlan(input);
  if (result.kind !== "ok") throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.analysis;
}

export function byKey(schedule: Schedule) {
  return Object.fromEntries(schedule.workPackages.map((w) => [w.key, w]));
}

/** DESIGN section 8's example plan, as a `PUT …/plan` body. */
export const designExample = () => ({
  calendar: { start: "2025-03-03", workdays: [1, 2, 3, 4, 5], holidays: ["2025-03-07"] },
  workPackages: [
    { key: "design", title: "Design", durationDays: 3, owner: "platform team" },
    { key: "docs", title: "Docs", durationDays: 2, dependsOn: [{ key: "design", type: "FS", lagDays: 1 }] },
    { key: "build", title: "Build", durationDays: 5, dependsOn: ["design"] },
  ],
});
