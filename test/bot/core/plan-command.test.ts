import { describe, expect, it } from "vitest";
import { WORK_PACKAGE_KEY_RE } from "../../../api/schemas/plan.js";
import { formatPlanSummary, KEY_RE, parsePlanCommand, planProblems } from "../../../bot/core/plan-command.js";
import type { PlanSummary } from "../../../bot/core/plan-types.js";
import { plan, scheduled, wp } from "../../helpers/plan.js";

describe("/plan add", () => {
  it.each([
    [
      'add build "Build it" 5d after design+1',
      {
        key: "build",
        title: "Build it",
        durationDays: 5,
        dependsOn: [{ key: "design", type: "FS", lagDays: 1 }],
      },
    ],
    [
      'add docs "Docs" 2d after design:SS+1, build',
      {
        key: "docs",
        title: "Docs",
        durationDays: 2,
        dependsOn: [
          { key: "design", type: "SS", lagDays: 1 },
          { key: "build", type: "FS", lagDays: 0 },
        ],
      },
    ],
    ['add kickoff "Kick-off" 0d', { key: "kickoff", title: "Kick-off", durationDays: 0, dependsOn: [] }],
    [
      "ADD review “Peer review” 3 days AFTER build:ff-2d and docs:sf+4",
      {
        key: "review",
        title: "Peer review",
        durationDays: 3,
        dependsOn: [
          { key: "build", type: "FF", lagDays: -2 },
          { key: "docs", type: "SF", lagDays: 4 },
        ],
      },
    ],
    // A key may contain hyphens, so `sign-off-2` is a key, not sign-off with a lead of 2.
    [
      'add go-live "Go \\"live\\"" 1d after sign-off-2 design-doc',
      {
        key: "go-live",
        title: 'Go "live"',
        durationDays: 1,
        dependsOn: [
          { key: "sign-off-2", type: "FS", lagDays: 0 },
          { key: "design-doc", type: "FS", lagDays: 0 },
        ],
      },
    ],
    ['  add   qa   "  QA  "   1day  ', { key: "qa", title: "QA", durationDays: 1, dependsOn: [] }],
  ])("%s", (text, workPackage) => {
    expect(parsePlanCommand(text)).toEqual({ kind: "add", workPackage });
  });

  it.each([
    ["add", "Usage: /plan add"],
    [
      'add Build "Build" 5d',
      '"Build" can\'t be a key: keys are 1–64 lowercase letters, digits, - or _, starting with a letter or digit (try "build").',
    ],
    ["add build Build 5d", 'Put the title in quotes: /plan add build "Title" 3d'],
    ['add build "Build 5d', "The title's closing quote is missing."],
    ['add build "  " 5d', "The title is empty."],
    ['add build "Build"', 'How many working days? e.g. /plan add build "Build" 3d (0d for a milestone)'],
    [
      'add build "Build" 2w',
      '"2w" is not a duration: write whole working days, like 3d (0d for a milestone).',
    ],
    ['add build "Build" 2.5d', '"2.5d" is not a duration'],
    ['add build "Build" -1d', '"-1d" is not a duration'],
    ['add build "Build" 10001d', "at most 10000 working days"],
    ['add build "Build" 5d before design', 'I didn\'t understand "before design".'],
    ['add build "Build" 5d after', "After what?"],
    ['add build "Build" 5d after build', "build can't come after itself."],
    ['add build "Build" 5d after Design', '"Design" can\'t be a dependency'],
    [
      'add build "Build" 5d after design:XX',
      '"design:XX" is not a dependency: write design, design+1 or design:SS+1',
    ],
    ['add build "Build" 5d after design+1w', '"design+1w" is not a dependency'],
  ])("refuses %j, saying what to do", (text, message) => {
    const result = parsePlanCommand(text);
    expect(result.kind).toBe("error");
    expect(result.kind === "error" && result.message).toContain(message);
  });

  it("uses the API's rule for keys", () => {
    expect(KEY_RE.source).toBe(WORK_PACKAGE_KEY_RE.source);
  });
});

describe("/plan show and help", () => {
  it.each([
    ["show", { kind: "show" }],
    ["  SHOW ", { kind: "show" }],
    ["help", { kind: "help" }],
    ["", { kind: "help" }],
    ["show everything", { kind: "error", message: "/plan show takes nothing after it." }],
    [
      "drop build",
      {
        kind: "error",
        message:
          'I don\'t know "/plan drop". Try /plan add, /plan edit, /plan remove, /plan calendar, /plan show or /plan help.',
      },
    ],
  ])("%j", (text, command) => {
    expect(parsePlanCommand(text)).toEqual(command);
  });
});

describe("/plan edit, remove and calendar", () => {
  it.each([
    ["edit build duration: 4d", { kind: "edit", ref: "build", change: { durationDays: 4 } }],
    [
      'edit "Build it" title: "Build it all"; after: design+1, docs',
      {
        kind: "edit",
        ref: "Build it",
        change: {
          title: "Build it all",
          dependsOn: [
            { key: "design", type: "FS", lagDays: 1 },
            { key: "docs", type: "FS", lagDays: 0 },
          ],
        },
      },
    ],
    [
      "edit build after: none; owner: none",
      { kind: "edit", ref: "build", change: { dependsOn: [], owner: null } },
    ],
    ["edit build deadline: 2026-04-01", { kind: "edit", ref: "build", change: { deadline: "2026-04-01" } }],
    ["remove build", { kind: "remove", ref: "build" }],
    ['remove "Build it"', { kind: "remove", ref: "Build it" }],
    ["calendar", { kind: "calendar", change: null }],
    ["calendar country gb", { kind: "calendar", change: { country: "GB" } }],
    ["calendar country none", { kind: "calendar", change: { country: null } }],
    [
      "calendar holidays 2026-12-24, 2026-12-31",
      { kind: "calendar", change: { addHolidays: ["2026-12-24", "2026-12-31"] } },
    ],
    ["calendar workdays mon-thu", { kind: "calendar", change: { workdays: [1, 2, 3, 4] } }],
    ["calendar start 2026-03-09", { kind: "calendar", change: { start: "2026-03-09" } }],
  ])("%j", (text, command) => {
    expect(parsePlanCommand(text)).toEqual(command);
  });

  it.each([
    ["edit build", "Usage: /plan edit"],
    ["edit build duration: soon", 'duration: "soon" is not a duration'],
    ["edit build deadline: friday", "deadline: write a date as YYYY-MM-DD"],
    ["edit build colour: red", "Usage: /plan edit"],
    ["calendar holidays 24/12", 'holidays: "24/12" is not a date'],
    ["calendar workdays someday", "workdays: e.g. mon-fri"],
  ])("explains %j", (text, message) => {
    const result = parsePlanCommand(text);
    expect(result.kind === "error" && result.message).toContain(message);
  });

  it("names fields as chat writes them, never as the API's paths", () => {
    expect(
      planProblems(
        [
          { path: "dependsOn.0", message: 'unknown work package "nothing-yet"' },
          { path: "durationDays", message: "Too big" },
          { path: "calendar.country", message: "unknown holiday region" },
        ],
        "",
      ),
    ).toBe(
      'depends on: no work package called "nothing-yet"; duration: Too big; country: unknown holiday region',
    );
  });
});

describe("the plan summary", () => {
  it("gives the dates, the critical path and each package's float, by start date", () => {
    const schedule = scheduled(
      plan(
        [
          wp("design", 3, [], { title: "Design" }),
          wp("docs", 2, [{ key: "design", lagDays: 1 }], { title: "Docs" }),
          wp("build", 5, ["design"], { title: "Build" }),
          wp("launch", 0, ["build", "docs"], { title: "Launch" }),
        ],
        { holidays: ["2025-03-07"] },
      ),
    );
    expect(formatPlanSummary(schedule satisfies PlanSummary)).toEqual([
      "Plan: 2025-03-03 → 2025-03-13",
      "Critical path: design → build → launch",
      "• design — Design: 2025-03-03 → 2025-03-05 (3d), critical",
      "• build — Build: 2025-03-06 → 2025-03-13 (5d), critical",
      "• docs — Docs: 2025-03-10 → 2025-03-11 (2d), float 2 working days",
      "• launch — Launch: 2025-03-13 (milestone), critical",
    ]);
  });

  it("says how far behind its deadline the plan is", () => {
    const schedule = scheduled({
      ...plan([wp("design", 3), wp("build", 5, ["design"])]),
      deadline: "2025-03-10",
    });
    expect(formatPlanSummary(schedule).slice(0, 3)).toEqual([
      "Plan: 2025-03-03 → 2025-03-12",
      "Behind its deadline (2025-03-10) by 2 working days.",
      "Critical path: design → build",
    ]);
    expect(formatPlanSummary(schedule)[3]).toBe(
      "• design — Design: 2025-03-03 → 2025-03-05 (3d), critical, 2 working days behind",
    );
  });

  it("says when a deadline is met", () => {
    const schedule = scheduled({ ...plan([wp("design", 3)]), deadline: "2025-03-31" });
    expect(formatPlanSummary(schedule)[1]).toBe("Deadline 2025-03-31: on track.");
  });

  it("invites the first work package into an empty plan", () => {
    expect(formatPlanSummary(scheduled(plan([])))).toEqual([
      'The plan has no work packages yet. Add one: /plan add design "Design" 3d',
    ]);
  });
});
