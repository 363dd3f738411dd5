import { DEFAULT_WORKDAYS, HORIZON_YEARS, toEpochDay, WorkingCalendar } from "./calendar.js";
import { findCycles } from "./cycles.js";
import { buildPlanGraph, FF, FS, type PlanGraph, SS, stableTopologicalOrder } from "./graph.js";
import type { PlanInput, PlanProblem, Schedule, ScheduledWorkPackage } from "./types.js";

/**
 * The critical path method on working-day numbers (DESIGN section 8).
 *
 * A package occupies the half-open range of working days `[ES, EF)` with `EF = ES + durationDays`.
 * A link from predecessor p to successor s with lag L requires
 *   FS: ES_s ≥ EF_p + L    SS: ES_s ≥ ES_p + L    FF: EF_s ≥ EF_p + L    SF: EF_s ≥ ES_p + L
 * and nothing starts before day 0. The forward pass takes the smallest ES meeting all of them; the
 * plan's finish F is the largest EF. The backward pass takes the largest LF such that every link
 * still holds and nothing finishes after F — nor after a deadline: a package's deadline D (or the
 * plan's) requires the package to be done by the end of the last working day on or before D, i.e.
 * `LF ≤ day(D) + 1`. Deadlines never move early dates; when one is earlier than the schedule allows,
 * LF < EF and the total float is negative: the working days the plan is behind ("gap to target").
 * A deadline later than that is simply not binding.
 *
 *   totalFloat = LS − ES (= LF − EF), critical when ≤ 0;
 *   freeFloat  = the smallest slack of the package's outgoing links (for FS, ES_s − (EF_p + L)),
 *                and F − EF: how far it can slip moving neither a successor nor the finish. It
 *                uses early dates only, so deadlines do not change it.
 */

export interface PlanAnalysis {
  input: PlanInput;
  graph: PlanGraph;
  calendar: WorkingCalendar;
  /** Topological order of input positions, and each position's place in it. */
  order: Int32Array;
  rank: Int32Array;
  duration: Float64Array;
  es: Float64Array;
  ef: Float64Array;
  ls: Float64Array;
  lf: Float64Array;
  freeFloat: Float64Array;
  /** F: the largest early finish (0 for an empty plan). */
  finishDay: number;
}

export type AnalysisResult =
  | { kind: "ok"; analysis: PlanAnalysis }
  | { kind: "refused"; problems: PlanProblem[] };

export type ScheduleResult =
  | { kind: "ok"; schedule: Schedule }
  | { kind: "refused"; problems: PlanProblem[] };

/** Validates and schedules; every problem is reported at once. Same input, same output, byte for byte. */
export function schedulePlan(input: PlanInput): ScheduleResult {
  const result = analysePlan(input);
  return result.kind === "ok" ? { kind: "ok", schedule: toSchedule(result.analysis) } : result;
}

export function analysePlan(input: PlanInput): AnalysisResult {
  const calendar = new WorkingCalendar(input.calendar);
  if (!calendar.hasWorkdays) {
    return {
      kind: "refused",
      problems: [
        {
          kind: "calendar",
          path: "calendar.workdays",
          message: "the calendar needs at least one working day",
        },
      ],
    };
  }
  const { graph, problems } = buildPlanGraph(input.workPackages);
  for (const cycle of findCycles(graph)) {
    const first = cycle.nodes[0] ?? 0;
    const last = cycle.nodes.at(-1) ?? 0;
    // The link that closes the loop: the first package's dependency on the last.
    const li = graph.links[first]?.findIndex((l) => l.key === graph.keys[last]) ?? -1;
    const j = graph.linkSources[first]?.[li] ?? 0;
    const loop = [...cycle.nodes, first].map((n) => graph.keys[n]).join(" → ");
    const others = cycle.component.filter((n) => !cycle.nodes.includes(n)).map((n) => graph.keys[n]);
    problems.push({
      kind: "cycle",
      path: `workPackages.${first}.dependsOn.${j}`,
      message:
        `dependency cycle: ${loop}` +
        (others.length ? ` (the same loop also takes in ${others.join(", ")})` : ""),
    });
  }
  const deadlines = deadlineDays(input, calendar, problems);
  if (problems.length > 0) return { kind: "refused", problems: sortProblems(problems) };

  const order = stableTopologicalOrder(graph);
  if (!order) throw new Error("a cycle escaped detection"); // findCycles found none, so there is none
  const n = graph.size;
  const rank = new Int32Array(n);
  for (let t = 0; t < n; t++) rank[order[t] ?? 0] = t;
  const duration = Float64Array.from(input.workPackages, (w) => w.durationDays);
  const { inStart, inPred, inType, inLag } = graph;

  const es = new Float64Array(n);
  const ef = new Float64Array(n);
  let finishDay = 0;
  for (let t = 0; t < n; t++) {
    const s = order[t] ?? 0;
    const d = duration[s] ?? 0;
    let start = 0; // nothing starts before day 0
    for (let k = inStart[s] ?? 0; k < (inStart[s + 1] ?? 0); k++) {
      const p = inPred[k] ?? 0;
      const lag = inLag[k] ?? 0;
      const type = inType[k];
      const bound =
        type === FS
          ? (ef[p] ?? 0) + lag
          : type === SS
            ? (es[p] ?? 0) + lag
            : type === FF
              ? (ef[p] ?? 0) + lag - d
              : (es[p] ?? 0) + lag - d;
      if (bound > start) start = bound;
    }
    es[s] = start;
    ef[s] = start + d;
    if (start + d > finishDay) finishDay = start + d;
  }

  const planDeadline = deadlines.plan;
  const anchor = planDeadline === null ? finishDay : Math.min(finishDay, planDeadline + 1);
  const lf = new Float64Array(n);
  const ls = new Float64Array(n);
  const freeFloat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const own = deadlines.packages[i];
    lf[i] = own === undefined || own === null ? anchor : Math.min(anchor, own + 1);
    freeFloat[i] = finishDay - (ef[i] ?? 0);
  }
  // Reverse topological order: every successor of p is final before p is reached.
  for (let t = n - 1; t >= 0; t--) {
    const s = order[t] ?? 0;
    const lfS = lf[s] ?? 0;
    const lsS = lfS - (duration[s] ?? 0);
    ls[s] = lsS;
    for (let k = inStart[s] ?? 0; k < (inStart[s + 1] ?? 0); k++) {
      const p = inPred[k] ?? 0;
      const lag = inLag[k] ?? 0;
      const type = inType[k];
      let limit: number;
      let slack: number;
      if (type === FS) {
        limit = lsS - lag;
        slack = (es[s] ?? 0) - (ef[p] ?? 0) - lag;
      } else if (type === SS) {
        limit = lsS - lag + (duration[p] ?? 0);
        slack = (es[s] ?? 0) - (es[p] ?? 0) - lag;
      } else if (type === FF) {
        limit = lfS - lag;
        slack = (ef[s] ?? 0) - (ef[p] ?? 0) - lag;
      } else {
        limit = lfS - lag + (duration[p] ?? 0);
        slack = (ef[s] ?? 0) - (es[p] ?? 0) - lag;
      }
      if (limit < (lf[p] ?? 0)) lf[p] = limit;
      if (slack < (freeFloat[p] ?? 0)) freeFloat[p] = slack;
    }
  }

  // Every date shown must be a working day the calendar can name.
  let earliest = 0;
  for (let i = 0; i < n; i++) earliest = Math.min(earliest, (ls[i] ?? 0) - 1);
  const latest = Math.max(0, finishDay - 1);
  if (!calendar.covers(0, latest)) {
    return refusedHorizon("workPackages", `the schedule runs past the ${HORIZON_YEARS}-year horizon`);
  }
  if (!calendar.covers(earliest, 0)) {
    return refusedHorizon(
      "deadline",
      `meeting the deadlines would need work before the ${HORIZON_YEARS}-year horizon ahead of the start`,
    );
  }

  return {
    kind: "ok",
    analysis: { input, graph, calendar, order, rank, duration, es, ef, ls, lf, freeFloat, finishDay },
  };
}

function refusedHorizon(path: string, what: string): AnalysisResult {
  return {
    kind: "refused",
    problems: [
      {
        kind: "horizon",
        path,
        message: `${what}: plans may span at most ${HORIZON_YEARS} years either side of calendar.start`,
      },
    ],
  };
}

/** Deadlines as working-day numbers: the last working day on or before each date. */
function deadlineDays(
  input: PlanInput,
  calendar: WorkingCalendar,
  problems: PlanProblem[],
): { plan: number | null; packages: (number | null)[] } {
  const toDay = (date: string | null | undefined, path: string): number | null => {
    if (!date) return null;
    const day = toEpochDay(date);
    if (day < calendar.firstDay || day > calendar.lastDay) {
      problems.push({
        kind: "horizon",
        path,
        message: `deadline ${date} is more than ${HORIZON_YEARS} years from calendar.start`,
      });
      return null;
    }
    return calendar.indexOnOrBefore(day);
  };
  return {
    plan: toDay(input.deadline, "deadline"),
    packages: input.workPackages.map((w, i) => toDay(w.deadline, `workPackages.${i}.deadline`)),
  };
}

function sortProblems(problems: PlanProblem[]): PlanProblem[] {
  // By where they point, numerically: workPackages.2 before workPackages.10.
  const parts = (p: string) => p.split(".").map((x) => (/^\d+$/.test(x) ? x.padStart(6, "0") : x));
  return problems
    .map((p) => ({ p, k: parts(p.path).join(".") }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map(({ p }) => p);
}

/** The day a finish is shown on: the last day worked, EF − 1; a milestone finishing at 0 shows day 0. */
export function shownFinishDay(finish: number, durationDays: number): number {
  return durationDays === 0 && finish === 0 ? 0 : finish - 1;
}

/** The day a start is shown on; a milestone shows the same day as its finish. */
export function shownStartDay(start: number, durationDays: number): number {
  return durationDays === 0 ? shownFinishDay(start, 0) : start;
}

/** The plan's finish as shown: the last working day of the plan, or day 0 for an empty plan. */
export function shownPlanFinishDay(finishDay: number): number {
  return finishDay === 0 ? 0 : finishDay - 1;
}

export function criticalKeys(a: PlanAnalysis): string[] {
  const critical: number[] = [];
  for (let i = 0; i < a.graph.size; i++) if ((a.ls[i] ?? 0) - (a.es[i] ?? 0) <= 0) critical.push(i);
  critical.sort((x, y) => (a.es[x] ?? 0) - (a.es[y] ?? 0) || (a.rank[x] ?? 0) - (a.rank[y] ?? 0));
  return critical.map((i) => a.graph.keys[i] ?? "");
}

export function toSchedule(a: PlanAnalysis): Schedule {
  const { calendar, input } = a;
  const date = (day: number) => calendar.dateOf(day);
  const workPackages = input.workPackages.map((w, i): ScheduledWorkPackage => {
    const d = w.durationDays;
    const totalFloat = (a.ls[i] ?? 0) - (a.es[i] ?? 0);
    return {
      key: w.key,
      title: w.title,
      durationDays: d,
      earlyStart: date(shownStartDay(a.es[i] ?? 0, d)),
      earlyFinish: date(shownFinishDay(a.ef[i] ?? 0, d)),
      lateStart: date(shownStartDay(a.ls[i] ?? 0, d)),
      lateFinish: date(shownFinishDay(a.lf[i] ?? 0, d)),
      totalFloat,
      freeFloat: a.freeFloat[i] ?? 0,
      critical: totalFloat <= 0,
      dependsOn: (a.graph.links[i] ?? []).map((l) => ({ ...l })),
      owner: w.owner ?? null,
      phase: w.phase ?? null,
      deadline: w.deadline ?? null,
    };
  });
  return {
    calendar: {
      start: input.calendar.start,
      workdays: [...(input.calendar.workdays ?? DEFAULT_WORKDAYS)],
      holidays: [...(input.calendar.holidays ?? [])],
      country: input.calendar.country ?? null,
    },
    start: date(0),
    finish: date(shownPlanFinishDay(a.finishDay)),
    deadline: input.deadline ?? null,
    criticalPath: criticalKeys(a),
    workPackages,
  };
}
