import { describe, expect, it } from "vitest";
import { costTotals } from "../../api/domain/outputs/costs.js";
import { evidenceSources, isReviewSession } from "../../api/domain/outputs/evidence.js";
import { compareRegister, exposure, isOverdue } from "../../api/domain/outputs/register.js";
import { skillGaps } from "../../api/domain/outputs/skills.js";

describe("register", () => {
  it.each([
    [3, 4, 12],
    [5, 5, 25],
    [1, null, null],
    [null, null, null],
  ])("exposure(%s, %s) = %s", (l, i, e) => {
    expect(exposure(l, i)).toBe(e);
  });

  it.each([
    ["2026-04-14", "open", true],
    ["2026-04-14", "validated", true],
    ["2026-04-14", "mitigated", false],
    ["2026-04-14", "closed", false],
    ["2026-04-15", "open", false],
    [null, "open", false],
  ])("due %s, %s, today 2026-04-15 → overdue %s", (due, status, overdue) => {
    expect(isOverdue(due, status, "2026-04-15")).toBe(overdue);
  });

  it("sorts by due date (none last), then exposure (highest first), then oldest first", () => {
    const e = (
      id: string,
      dueDate: string | null,
      exp: number | null,
      createdAt = "2026-01-01T00:00:00Z",
    ) => ({
      id,
      dueDate,
      exposure: exp,
      createdAt,
    });
    const sorted = [
      e("a", null, 25),
      e("b", "2026-05-01", 4),
      e("c", "2026-05-01", 20),
      e("d", "2026-04-01", null),
      e("e", "2026-05-01", null),
      e("f", "2026-05-01", 20, "2025-12-01T00:00:00Z"),
    ].sort(compareRegister);
    expect(sorted.map((x) => x.id)).toEqual(["d", "f", "c", "b", "e", "a"]);
  });
});

describe("evidence", () => {
  it.each([
    ["High-level plan proposal / steps / timelines with dependency tracking", true, false],
    ["Dependency flow of activities broken down as work-package activities", true, false],
    ["High-level data-flow model", false, true],
    ["Documented findings", false, true],
    ["Captured line items, weighted in terms of relevance to following activities", false, false],
  ])("%s: work packages %s, use cases %s", (title, workPackages, useCases) => {
    expect(evidenceSources(title)).toEqual({ workPackages, useCases });
  });

  it("finds the day-2 review session by its title", () => {
    expect(isReviewSession("Review of day 1, the outputs and assumptions captured")).toBe(true);
    expect(isReviewSession("Use case modelling")).toBe(false);
  });
});

describe("skills", () => {
  it("computes best, average, people meeting the target and the gap, by hand", () => {
    const gaps = skillGaps({
      people: [{ name: "Ana" }, { name: "Ben" }, { name: "Cy" }],
      skills: ["kafka-ops", "schema-design", "terraform"],
      levels: {
        Ana: { "kafka-ops": 1, "schema-design": 3 },
        Ben: { "kafka-ops": 2, "schema-design": 1 },
        Cy: {},
      },
      target: { "kafka-ops": 3, "schema-design": 2 },
    });
    expect(gaps).toEqual([
      {
        skill: "kafka-ops",
        target: 3,
        best: 2,
        average: 1,
        meeting: 0,
        gap: 1,
        shortfalls: [
          { name: "Ana", level: 1, short: 2 },
          { name: "Ben", level: 2, short: 1 },
          { name: "Cy", level: 0, short: 3 },
        ],
      },
      {
        skill: "schema-design",
        target: 2,
        best: 3,
        average: 4 / 3,
        meeting: 1,
        gap: 0,
        shortfalls: [
          { name: "Ben", level: 1, short: 1 },
          { name: "Cy", level: 0, short: 2 },
        ],
      },
      { skill: "terraform", target: 0, best: 0, average: 0, meeting: 3, gap: 0, shortfalls: [] },
    ]);
  });
});

describe("costs", () => {
  it("totals per option and currency, per environment, and a year, by hand", () => {
    expect(
      costTotals([
        { option: "aws-msk", environment: "prod", monthly: 4200.1, currency: "EUR" },
        { option: "aws-msk", environment: "dev", monthly: 800.2, currency: "EUR" },
        { option: "aws-msk", environment: "prod", monthly: 0.1, currency: "EUR" },
        { option: "confluent-cloud", environment: "prod", monthly: 6000, currency: "USD" },
      ]),
    ).toEqual([
      {
        option: "aws-msk",
        currency: "EUR",
        monthly: 5000.4,
        annual: 60004.8,
        byEnvironment: [
          { environment: "prod", monthly: 4200.2 },
          { environment: "dev", monthly: 800.2 },
        ],
      },
      {
        option: "confluent-cloud",
        currency: "USD",
        monthly: 6000,
        annual: 72000,
        byEnvironment: [{ environment: "prod", monthly: 6000 }],
      },
    ]);
  });
});
