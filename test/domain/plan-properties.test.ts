import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromEpochDay, toEpochDay, WorkingCalendar } from "../../api/domain/plan/calendar.js";
import { analysePlan, type PlanAnalysis, schedulePlan } from "../../api/domain/plan/schedule.js";
import type { LinkType, PlanInput, WorkPackageInput } from "../../api/domain/plan/types.js";

// FC_RUNS=5000 for a longer search than CI's default 100 runs per property.
fc.configureGlobal({ numRuns: Number(process.env.FC_RUNS ?? 100) });

interface Edge {
  p: number;
  s: number;
  type: LinkType;
  lag: number;
}

const linkType = fc.constantFrom<LinkType>("FS", "SS", "FF", "SF");
const calendar = fc.record({
  start: fc.integer({ min: toEpochDay("2024-01-01"), max: toEpochDay("2026-12-31") }).map(fromEpochDay),
  workdays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
  holidayOffsets: fc.array(fc.integer({ min: -30, max: 90 }), { maxLength: 15 }),
});

/**
 * A random DAG: edges only go from a lower to a higher hidden rank, and the packages are listed in a
 * shuffled order, so the input order is not a topological one.
 */
const dag = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    durations: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n }),
    edges: fc.array(
      fc.record({ a: fc.nat(n - 1), b: fc.nat(n - 1), type: linkType, lag: fc.integer({ min: -4, max: 4 }) }),
      { maxLength: 3 * n },
    ),
    order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
    calendar,
    deadlines: fc.array(fc.option(fc.integer({ min: -20, max: 60 }), { nil: undefined }), {
      minLength: n,
      maxLength: n,
    }),
    planDeadline: fc.option(fc.integer({ min: -20, max: 60 }), { nil: undefined }),
  }),
);

type Dag = typeof dag extends fc.Arbitrary<infer T> ? T : never;

function toInput(g: Dag, withDeadlines: boolean): { input: PlanInput; edges: Edge[] } {
  const edges: Edge[] = g.edges
    .filter((e) => e.a !== e.b)
    .map((e) => ({ p: Math.min(e.a, e.b), s: Math.max(e.a, e.b), type: e.type, lag: e.lag }));
  const start = toEpochDay(g.calendar.start);
  const date = (offset: number | undefined) =>
    offset === undefined ? undefined : fromEpochDay(start + offset);
  const workPackages: WorkPackageInput[] = g.order.map((node) => ({
    key: `k${node}`,
    title: `Package ${node}`,
    durationDays: g.durations[node] ?? 0,
    dependsOn: edges
      .filter((e) => e.s === node)
      .map((e) => ({ key: `k${e.p}`, type: e.type, lagDays: e.lag })),
    deadline: withDeadlines ? date(g.deadlines[node]) : undefined,
  }));
  return {
    input: {
      calendar: {
        start: g.calendar.start,
        workdays: g.calendar.workdays,
        holidays: g.calendar.holidayOffsets.map((o) => fromEpochDay(start + o)),
      },
      deadline: withDeadlines ? date(g.planDeadline) : undefined,
      workPackages,
    },
    edges,
  };
}

function analysis(input: PlanInput): PlanAnalysis {
  const result = analysePlan(input);
  if (result.kind !== "ok") throw new Error(JSON.stringify(result.problems));
  return result.analysis;
}

/** Whether `lhs` (the successor's start or finish) respects the link, for one set of dates. */
function holds(
  e: Edge,
  d: { start: (i: number) => number; finish: (i: number) => number },
  pos: (node: number) => number,
) {
  const p = pos(e.p);
  const s = pos(e.s);
  switch (e.type) {
    case "FS":
      return d.start(s) >= d.finish(p) + e.lag;
    case "SS":
      return d.start(s) >= d.start(p) + e.lag;
    case "FF":
      return d.finish(s) >= d.finish(p) + e.lag;
    case "SF":
      return d.finish(s) >= d.start(p) + e.lag;
  }
}

describe("scheduling random DAGs (property-based)", () => {
  it("meets every link with the early dates and with the late dates, nothing before day 0 or after the finish", () => {
    fc.assert(
      fc.property(dag, (g) => {
        const { input, edges } = toInput(g, false);
        const a = analysis(input);
        const pos = (node: number) => g.order.indexOf(node);
        const early = { start: (i: number) => a.es[i] ?? 0, finish: (i: number) => a.ef[i] ?? 0 };
        const late = { start: (i: number) => a.ls[i] ?? 0, finish: (i: number) => a.lf[i] ?? 0 };
        for (const e of edges) {
          expect(holds(e, early, pos)).toBe(true);
          expect(holds(e, late, pos)).toBe(true);
        }
        for (let i = 0; i < g.n; i++) {
          expect(a.es[i]).toBeGreaterThanOrEqual(0);
          expect(a.ef[i]).toBe((a.es[i] ?? 0) + (a.duration[i] ?? 0));
          expect(a.lf[i]).toBeLessThanOrEqual(a.finishDay);
          expect(a.lf[i]).toBe((a.ls[i] ?? 0) + (a.duration[i] ?? 0));
        }
      }),
    );
  });

  it("starts each package as early as its links allow: on day 0 or exactly at one link's bound", () => {
    fc.assert(
      fc.property(dag, (g) => {
        const { input, edges } = toInput(g, false);
        const a = analysis(input);
        const pos = (node: number) => g.order.indexOf(node);
        for (let node = 0; node < g.n; node++) {
          const i = pos(node);
          const bounds = edges
            .filter((e) => e.s === node)
            .map((e) => {
              const p = pos(e.p);
              const d = a.duration[i] ?? 0;
              const base = e.type === "FS" || e.type === "FF" ? (a.ef[p] ?? 0) : (a.es[p] ?? 0);
              return base + e.lag - (e.type === "FF" || e.type === "SF" ? d : 0);
            });
          expect(a.es[i]).toBe(Math.max(0, ...bounds));
        }
      }),
    );
  });

  it("gives float ≥ 0, free float between 0 and total float, without deadlines", () => {
    fc.assert(
      fc.property(dag, (g) => {
        const schedule = schedulePlan(toInput(g, false).input);
        if (schedule.kind !== "ok") throw new Error("refused");
        for (const w of schedule.schedule.workPackages) {
          expect(w.totalFloat).toBeGreaterThanOrEqual(0);
          expect(w.freeFloat).toBeGreaterThanOrEqual(0);
          expect(w.freeFloat).toBeLessThanOrEqual(w.totalFloat);
          expect(w.critical).toBe(w.totalFloat === 0);
        }
      }),
    );
  });

  it("has at least one chain of critical packages from day 0 to the finish, each driving the next", () => {
    fc.assert(
      fc.property(dag, (g) => {
        const { input, edges } = toInput(g, false);
        const a = analysis(input);
        const pos = (node: number) => g.order.indexOf(node);
        const node = (i: number) => g.order[i] ?? 0;
        const tf = (i: number) => (a.ls[i] ?? 0) - (a.es[i] ?? 0);
        let i = [...Array(g.n).keys()].find((k) => a.ef[k] === a.finishDay && tf(k) === 0);
        expect(i).toBeDefined();
        for (let steps = 0; i !== undefined && (a.es[i] ?? 0) > 0; steps++) {
          expect(steps).toBeLessThan(g.n);
          const here: number = i;
          const d = a.duration[here] ?? 0;
          const driver = edges
            .filter((e) => e.s === node(here))
            .filter((e) => {
              const p = pos(e.p);
              const base = e.type === "FS" || e.type === "FF" ? (a.ef[p] ?? 0) : (a.es[p] ?? 0);
              const bound = base + e.lag - (e.type === "FF" || e.type === "SF" ? d : 0);
              return bound === a.es[here] && tf(p) === 0;
            })
            .map((e) => pos(e.p))[0];
          expect(driver).toBeDefined();
          i = driver;
        }
        expect(i === undefined ? -1 : a.es[i]).toBe(0);
      }),
    );
  });

  it("shows every date on a working day, and the same input gives byte-identical output", () => {
    fc.assert(
      fc.property(dag, (g) => {
        const { input } = toInput(g, true);
        const first = schedulePlan(input);
        expect(JSON.stringify(schedulePlan(structuredClone(input)))).toBe(JSON.stringify(first));
        if (first.kind !== "ok") return;
        const calendar = new WorkingCalendar(input.calendar);
        for (const w of first.schedule.workPackages) {
          for (const d of [w.earlyStart, w.earlyFinish, w.lateStart, w.lateFinish]) {
            expect(calendar.isWorkingDay(toEpochDay(d))).toBe(true);
          }
          expect(w.earlyStart <= w.earlyFinish).toBe(true);
        }
      }),
    );
  });

  it("lets deadlines lower float but never move early dates, and meets every deadline with the late dates", () => {
    fc.assert(
      fc.property(dag, (g) => {
        const free = analysis(toInput(g, false).input);
        const { input, edges } = toInput(g, true);
        const a = analysis(input);
        const pos = (node: number) => g.order.indexOf(node);
        expect([...a.es]).toEqual([...free.es]);
        const late = { start: (i: number) => a.ls[i] ?? 0, finish: (i: number) => a.lf[i] ?? 0 };
        for (const e of edges) expect(holds(e, late, pos)).toBe(true);
        const calendar = new WorkingCalendar(input.calendar);
        input.workPackages.forEach((w, i) => {
          expect((a.ls[i] ?? 0) - (a.es[i] ?? 0)).toBeLessThanOrEqual((free.ls[i] ?? 0) - (free.es[i] ?? 0));
          for (const deadline of [w.deadline, input.deadline]) {
            if (deadline)
              expect(a.lf[i]).toBeLessThanOrEqual(calendar.indexOnOrBefore(toEpochDay(deadline)) + 1);
          }
        });
      }),
    );
  });
});

describe("finding cycles in random graphs (property-based)", () => {
  const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 2 * n }),
    }),
  );

  it("refuses exactly the graphs with a loop, and every loop it names is made of real links", () => {
    fc.assert(
      fc.property(graph, ({ n, edges }) => {
        const links = edges.filter(([a, b]) => a !== b);
        const deps = (s: number) => [...new Set(links.filter(([, b]) => b === s).map(([a]) => `k${a}`))];
        const input: PlanInput = {
          calendar: { start: "2025-03-03" },
          workPackages: [...Array(n).keys()].map((i) => ({
            key: `k${i}`,
            title: `K${i}`,
            durationDays: 1,
            dependsOn: deps(i),
          })),
        };
        // The naive check: peel off packages with no remaining predecessors.
        const remaining = new Set([...Array(n).keys()]);
        for (let changed = true; changed; ) {
          changed = false;
          for (const v of remaining) {
            if (!links.some(([a, b]) => b === v && remaining.has(a))) {
              remaining.delete(v);
              changed = true;
            }
          }
        }
        const result = schedulePlan(input);
        expect(result.kind === "refused").toBe(remaining.size > 0);
        if (result.kind !== "refused") return;
        for (const problem of result.problems) {
          expect(problem.kind).toBe("cycle");
          const loop = /dependency cycle: ([^(]+)/.exec(problem.message)?.[1]?.trim().split(" → ") ?? [];
          expect(loop[0]).toBe(loop.at(-1));
          for (let k = 0; k + 1 < loop.length; k++) {
            const [from, to] = [Number(loop[k]?.slice(1)), Number(loop[k + 1]?.slice(1))];
            expect(links.some(([a, b]) => a === from && b === to)).toBe(true);
          }
        }
      }),
    );
  });
});
