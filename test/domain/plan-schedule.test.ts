import { describe, expect, it } from "vitest";
import { schedulePlan } from "../../api/domain/plan/schedule.js";
import type { LinkType } from "../../api/domain/plan/types.js";
import { byKey, plan, scheduled, wp } from "../helpers/plan.js";

// Working days from Monday 3 March 2025 on a Monday-to-Friday week:
// day 0 Mon 03, 1 Tue 04, 2 Wed 05, 3 Thu 06, 4 Fri 07, 5 Mon 10, 6 Tue 11, 7 Wed 12, 8 Thu 13.

describe("the arithmetic of DESIGN section 8", () => {
  it("ends a 3-day task from Monday on Wednesday and starts its FS+1 successor on Friday", () => {
    const s = byKey(
      scheduled(
        plan([wp("design", 3), wp("docs", 2, [{ key: "design", type: "FS", lagDays: 1 }])], {
          start: "2025-03-03",
        }),
      ),
    );
    expect([s.design?.earlyStart, s.design?.earlyFinish]).toEqual(["2025-03-03", "2025-03-05"]);
    expect(s.docs?.earlyStart).toBe("2025-03-07");
  });

  it("schedules the section's example, holiday included", () => {
    const schedule = scheduled({
      calendar: { start: "2025-03-03", workdays: [1, 2, 3, 4, 5], holidays: ["2025-03-07"] },
      workPackages: [
        { key: "design", title: "Design", durationDays: 3, owner: "platform team" },
        {
          key: "docs",
          title: "Docs",
          durationDays: 2,
          dependsOn: [{ key: "design", type: "FS", lagDays: 1 }],
        },
        { key: "build", title: "Build", durationDays: 5, dependsOn: ["design"] },
      ],
    });
    expect(schedule).toMatchObject({
      start: "2025-03-03",
      finish: "2025-03-13",
      criticalPath: ["design", "build"],
    });
    expect(schedule.workPackages).toEqual([
      expect.objectContaining({
        key: "design",
        earlyStart: "2025-03-03",
        earlyFinish: "2025-03-05",
        lateStart: "2025-03-03",
        lateFinish: "2025-03-05",
        totalFloat: 0,
        freeFloat: 0,
        critical: true,
        owner: "platform team",
      }),
      // The FS+1 lag is Thursday; Friday is the holiday, so Monday.
      expect.objectContaining({
        key: "docs",
        earlyStart: "2025-03-10",
        earlyFinish: "2025-03-11",
        lateStart: "2025-03-12",
        lateFinish: "2025-03-13",
        totalFloat: 2,
        freeFloat: 2,
        critical: false,
        dependsOn: [{ key: "design", type: "FS", lagDays: 1 }],
      }),
      // Thursday, then Monday to Thursday around the holiday.
      expect.objectContaining({
        key: "build",
        earlyStart: "2025-03-06",
        earlyFinish: "2025-03-13",
        totalFloat: 0,
        critical: true,
        dependsOn: [{ key: "design", type: "FS", lagDays: 0 }],
      }),
    ]);
  });
});

describe("every link type, with and without lag", () => {
  // a: 3 days, days [0, 3). b: 2 days after a.
  it.each<[LinkType, number, string, string, number, number]>([
    ["FS", 0, "2025-03-06", "2025-03-07", 0, 0],
    ["FS", 1, "2025-03-07", "2025-03-10", 0, 0],
    ["FS", -1, "2025-03-05", "2025-03-06", 0, 0],
    ["SS", 0, "2025-03-03", "2025-03-04", 1, 0],
    ["SS", 2, "2025-03-05", "2025-03-06", 0, 0],
    ["SS", -2, "2025-03-03", "2025-03-04", 1, 0], // would be day −2: nothing starts before day 0
    ["FF", 0, "2025-03-04", "2025-03-05", 0, 0],
    ["FF", 2, "2025-03-06", "2025-03-07", 0, 0],
    ["SF", 0, "2025-03-03", "2025-03-04", 1, 0], // finish ≥ day 0 allows a start at day −2
    ["SF", 4, "2025-03-05", "2025-03-06", 0, 0],
  ])(
    "b %s%i after a: %s to %s, b's float %i, a's float %i",
    (type, lagDays, start, finish, floatB, floatA) => {
      const s = byKey(scheduled(plan([wp("a", 3), wp("b", 2, [{ key: "a", type, lagDays }])])));
      expect([s.b?.earlyStart, s.b?.earlyFinish]).toEqual([start, finish]);
      expect([s.a?.earlyStart, s.a?.earlyFinish]).toEqual(["2025-03-03", "2025-03-05"]);
      expect(s.b?.totalFloat).toBe(floatB);
      expect(s.a?.totalFloat).toBe(floatA);
    },
  );

  it("takes the latest of several links", () => {
    const s = byKey(
      scheduled(
        plan([
          wp("a", 3),
          wp("b", 1),
          wp("c", 2, ["b", { key: "a", type: "SS", lagDays: 2 }, { key: "a", type: "FF", lagDays: 1 }]),
        ]),
      ),
    );
    // FS after b: day 1; SS+2 after a: day 2; FF+1 after a: finish ≥ day 4, so start ≥ day 2.
    expect(s.c?.earlyStart).toBe("2025-03-05");
  });

  it("merges duplicate links keeping the controlling (largest) lag", () => {
    const s = byKey(
      scheduled(
        plan([
          wp("a", 3),
          wp("b", 1, [
            "a",
            { key: "a", type: "FS", lagDays: 2 },
            { key: "a", lagDays: 1 },
            { key: "a", type: "SS", lagDays: 1 },
          ]),
        ]),
      ),
    );
    expect(s.b?.dependsOn).toEqual([
      { key: "a", type: "FS", lagDays: 2 },
      { key: "a", type: "SS", lagDays: 1 },
    ]);
    expect(s.b?.earlyStart).toBe("2025-03-10"); // day 5
  });
});

describe("milestones", () => {
  it("shows a milestone on the day its predecessors finish, and its successor starts the next working day", () => {
    const s = byKey(
      scheduled(plan([wp("design", 3), wp("signed-off", 0, ["design"]), wp("build", 2, ["signed-off"])])),
    );
    expect(s["signed-off"]).toMatchObject({
      earlyStart: "2025-03-05",
      earlyFinish: "2025-03-05",
      lateStart: "2025-03-05",
      lateFinish: "2025-03-05",
      totalFloat: 0,
      critical: true,
    });
    expect(s.build?.earlyStart).toBe("2025-03-06");
  });

  it("shows a milestone with nothing before it on day 0", () => {
    const schedule = scheduled(
      plan([wp("kickoff", 0), wp("design", 3, ["kickoff"])], { start: "2025-03-01" }),
    );
    expect(byKey(schedule).kickoff).toMatchObject({ earlyStart: "2025-03-03", earlyFinish: "2025-03-03" });
    expect(byKey(schedule).design?.earlyStart).toBe("2025-03-03");
  });

  it("gives a plan of milestones only a finish on day 0", () => {
    const schedule = scheduled(plan([wp("kickoff", 0), wp("go", 0, ["kickoff"])]));
    expect([schedule.start, schedule.finish]).toEqual(["2025-03-03", "2025-03-03"]);
    expect(schedule.criticalPath).toEqual(["kickoff", "go"]);
  });
});

describe("the calendar", () => {
  it.each([
    ["a start on a Saturday begins on Monday", { start: "2025-03-01" }, "2025-03-03", "2025-03-05"],
    ["a start on a Sunday begins on Monday", { start: "2025-03-02" }, "2025-03-03", "2025-03-05"],
    [
      "a holiday on the start date begins the next day",
      { holidays: ["2025-03-03"] },
      "2025-03-04",
      "2025-03-06",
    ],
    ["a holiday inside the task pushes its finish", { holidays: ["2025-03-04"] }, "2025-03-03", "2025-03-06"],
    ["a holiday on a weekend changes nothing", { holidays: ["2025-03-08"] }, "2025-03-03", "2025-03-05"],
    [
      "a Sunday-to-Thursday week skips Friday and Saturday",
      { start: "2025-03-05", workdays: [7, 1, 2, 3, 4] },
      "2025-03-05",
      "2025-03-09",
    ],
    ["a one-day week", { workdays: [3] }, "2025-03-05", "2025-03-19"],
  ])("%s", (_name, calendar, start, finish) => {
    const schedule = scheduled(plan([wp("a", 3)], calendar));
    expect([schedule.start, byKey(schedule).a?.earlyStart, byKey(schedule).a?.earlyFinish]).toEqual([
      start,
      start,
      finish,
    ]);
  });

  it("counts holidays out of lags", () => {
    // a is Mon 03 – Wed 05. Thursday is a holiday, so the 2 lag days are Fri 07 and Mon 10.
    const s = byKey(
      scheduled(plan([wp("a", 3), wp("b", 1, [{ key: "a", lagDays: 2 }])], { holidays: ["2025-03-06"] })),
    );
    expect(s.b?.earlyStart).toBe("2025-03-11");
  });

  it("knows a country's public holidays", () => {
    // Good Friday 18 April and Easter Monday 21 April 2025 in England.
    const s = byKey(scheduled(plan([wp("a", 2)], { start: "2025-04-17", country: "GB-ENG" })));
    expect([s.a?.earlyStart, s.a?.earlyFinish]).toEqual(["2025-04-17", "2025-04-22"]);
  });

  it("refuses a calendar without working days", () => {
    expect(schedulePlan(plan([wp("a", 1)], { workdays: [] }))).toEqual({
      kind: "refused",
      problems: [
        {
          kind: "calendar",
          path: "calendar.workdays",
          message: "the calendar needs at least one working day",
        },
      ],
    });
  });

  it("refuses a plan that runs past the 50-year horizon", () => {
    const result = schedulePlan(plan([wp("a", 10_000), wp("b", 10_000, ["a"])]));
    expect(result).toMatchObject({ kind: "refused", problems: [{ kind: "horizon", path: "workPackages" }] });
  });
});

describe("groups that do not touch", () => {
  it("schedules each from day 0 and gives the shorter one float", () => {
    const schedule = scheduled(plan([wp("a", 2), wp("b", 3, ["a"]), wp("x", 1), wp("y", 1, ["x"])]));
    const s = byKey(schedule);
    expect(schedule.finish).toBe("2025-03-07");
    expect(schedule.criticalPath).toEqual(["a", "b"]);
    expect([s.x?.earlyStart, s.x?.totalFloat, s.x?.freeFloat]).toEqual(["2025-03-03", 3, 0]);
    expect([s.y?.earlyStart, s.y?.totalFloat, s.y?.freeFloat]).toEqual(["2025-03-04", 3, 3]);
    expect([s.y?.lateStart, s.y?.lateFinish]).toEqual(["2025-03-07", "2025-03-07"]);
  });
});

describe("deadlines", () => {
  // design Mon 03 – Wed 05 (days 0–2), build Thu 06 – Mon 12 (days 3–7, EF 8).
  const base = () => [wp("design", 3), wp("build", 5, ["design"])];

  it("gives negative float instead of moving dates when a package's deadline is too early", () => {
    const packages = base();
    packages[1] = { ...packages[1], deadline: "2025-03-10" } as (typeof packages)[1]; // day 5: LF ≤ 6
    const schedule = scheduled(plan(packages));
    const s = byKey(schedule);
    expect(s.build).toMatchObject({
      earlyStart: "2025-03-06",
      earlyFinish: "2025-03-12",
      lateStart: "2025-03-04",
      lateFinish: "2025-03-10",
      totalFloat: -2,
      critical: true,
      deadline: "2025-03-10",
    });
    // design must then finish by day 0 and start two working days before the plan's start.
    expect(s.design).toMatchObject({ lateStart: "2025-02-27", lateFinish: "2025-03-03", totalFloat: -2 });
    expect(schedule.finish).toBe("2025-03-12");
  });

  it("reads a deadline on a weekend as the Friday before", () => {
    const schedule = scheduled({ ...plan(base()), deadline: "2025-03-09" });
    expect(byKey(schedule).build).toMatchObject({ lateFinish: "2025-03-07", totalFloat: -3 });
    expect(schedule.deadline).toBe("2025-03-09");
  });

  it("applies the plan's deadline to every package", () => {
    const schedule = scheduled({ ...plan([...base(), wp("docs", 1)]), deadline: "2025-03-10" });
    const s = byKey(schedule);
    expect([s.design?.totalFloat, s.build?.totalFloat, s.docs?.totalFloat]).toEqual([-2, -2, 5]);
    expect(s.docs?.lateFinish).toBe("2025-03-10");
  });

  it("does not extend float for a deadline after the finish", () => {
    const schedule = scheduled({ ...plan(base()), deadline: "2025-12-31" });
    expect(schedule.workPackages.map((w) => w.totalFloat)).toEqual([0, 0]);
  });

  it("leaves free float to early dates, so it may exceed a deadline-cut total float", () => {
    // docs is Thu 06 (day 3); the plan's deadline Fri 07 leaves it 1 day; the finish, day 7, leaves 4.
    const schedule = scheduled({ ...plan([...base(), wp("docs", 1, ["design"])]), deadline: "2025-03-07" });
    expect(byKey(schedule).docs).toMatchObject({ freeFloat: 4, totalFloat: 1 });
  });

  it("refuses a deadline more than 50 years away", () => {
    const packages = base();
    packages[0] = { ...packages[0], deadline: "2090-01-01" } as (typeof packages)[0];
    expect(schedulePlan(plan(packages))).toMatchObject({
      kind: "refused",
      problems: [{ kind: "horizon", path: "workPackages.0.deadline" }],
    });
  });
});

describe("refusals name every problem at once", () => {
  it("reports each cycle as its full path, unknown keys, self-dependencies and duplicate keys together", () => {
    const result = schedulePlan(
      plan([
        wp("a", 1, ["c"]),
        wp("b", 1, ["a", "nope", "b"]),
        wp("c", 1, ["b"]),
        wp("x", 1, ["y"]),
        wp("y", 1, ["x"]),
        wp("a", 2),
      ]),
    );
    expect(result).toEqual({
      kind: "refused",
      problems: [
        { kind: "cycle", path: "workPackages.0.dependsOn.0", message: "dependency cycle: a → b → c → a" },
        { kind: "unknownKey", path: "workPackages.1.dependsOn.1", message: 'unknown work package "nope"' },
        { kind: "selfDependency", path: "workPackages.1.dependsOn.2", message: '"b" depends on itself' },
        { kind: "cycle", path: "workPackages.3.dependsOn.0", message: "dependency cycle: x → y → x" },
        {
          kind: "duplicateKey",
          path: "workPackages.5.key",
          message: 'duplicate key "a": work package 0 has it already',
        },
      ],
    });
  });

  it("points at the link that closes the loop and names the rest of a tangled component", () => {
    // a → b → a and b → c → a: one component of three, the shortest loop through a is a → b → a.
    const result = schedulePlan(plan([wp("a", 1, ["c", "b"]), wp("b", 1, ["a"]), wp("c", 1, ["b"])]));
    expect(result).toEqual({
      kind: "refused",
      problems: [
        {
          kind: "cycle",
          path: "workPackages.0.dependsOn.1",
          message: "dependency cycle: a → b → a (the same loop also takes in c)",
        },
      ],
    });
  });

  it("finds a cycle through a link written as an object", () => {
    const result = schedulePlan(
      plan([wp("a", 1, [{ key: "b", type: "SS", lagDays: 3 }]), wp("b", 1, ["a"])]),
    );
    expect(result).toMatchObject({ problems: [{ message: "dependency cycle: a → b → a" }] });
  });
});

describe("determinism", () => {
  it("gives byte-identical output for the same input", () => {
    const input = plan(
      [
        wp("a", 2),
        wp("b", 3, ["a"]),
        wp("c", 1, [{ key: "a", type: "SS", lagDays: 1 }]),
        wp("d", 0, ["b", "c"]),
      ],
      {
        holidays: ["2025-03-05"],
        country: "DE-BY",
      },
    );
    expect(JSON.stringify(schedulePlan(input))).toBe(JSON.stringify(schedulePlan(structuredClone(input))));
  });

  it("lists critical packages by early start, then in topological order", () => {
    const schedule = scheduled(plan([wp("z", 2, ["m"]), wp("m", 1), wp("k", 0, ["z"])]));
    expect(schedule.criticalPath).toEqual(["m", "z", "k"]);
  });

  it("schedules an empty plan from its start", () => {
    expect(scheduled(plan([], { start: "2025-03-01" }))).toMatchObject({
      start: "2025-03-03",
      finish: "2025-03-03",
      criticalPath: [],
      workPackages: [],
    });
  });
});
