import { describe, expect, it } from "vitest";
import type { BenchmarkEdition } from "../../api/domain/dora/benchmarks/index.js";
import type { Weekday } from "../../api/domain/dora/calendar.js";
import { interpolatedMedian, referenceRows } from "../../api/domain/dora/reference.js";
import { buildReport, frequencyBucket } from "../../api/domain/dora/report.js";
import { resolveScope } from "../../api/services/dora-metrics.js";
import { VECTORS } from "../helpers/dora-vectors.js";

const NOW = new Date("2026-01-01T00:00:00Z");

/** What `GET /v1/dora/metrics` computes, with the reference implementation in place of SQL. */
function reference(v: (typeof VECTORS)[number]) {
  const q = v.query;
  const scope = resolveScope(
    {
      from: q.from,
      to: q.to,
      service: q.service,
      environment: q.environment ?? "production",
      tz: q.tz ?? "UTC",
      weekStart: (q.weekStart ?? "monday") as Weekday,
      groupBy: q.groupBy as "service" | undefined,
      interval: q.interval as "week" | "month" | undefined,
    },
    NOW,
  );
  return buildReport(referenceRows(v.data, scope), scope, (q.benchmark ?? "2024") as BenchmarkEdition);
}

describe("the reference implementation on hand-computed vectors", () => {
  it.each(VECTORS.map((v) => [v.name, v] as const))("%s", (_name, v) => {
    expect(reference(v)).toMatchObject(v.expected);
  });
});

describe("interpolatedMedian (percentile_cont(0.5))", () => {
  it.each([
    [[], null],
    [[7], 7],
    [[1, 3], 2],
    [[3, 1, 2], 2],
    [[0, 0, 0, 2], 0],
    [[2, 2, 3, 3], 2.5],
    [[-1, 10, 4, 5], 4.5],
  ])("of %j is %j", (values, median) => {
    expect(interpolatedMedian(values)).toBe(median);
  });
});

describe("the deployment-frequency bucket", () => {
  const f = (median: number, weeks: [number, number], months: [number, number]) => ({
    medianDeployDaysPerWeek: median,
    weeksWithDeployments: weeks[0],
    weeks: weeks[1],
    monthsWithDeployments: months[0],
    months: months[1],
  });
  it.each([
    ["a median of 3 deploy days per week", f(3, [1, 4], [1, 1]), "daily"],
    ["a median just under 3", f(2.5, [4, 4], [1, 1]), "weekly"],
    ["more than half the weeks", f(1, [3, 5], [1, 2]), "weekly"],
    ["exactly half the weeks", f(0.5, [2, 4], [1, 1]), "monthly"],
    ["exactly half the weeks and half the months", f(0, [2, 4], [1, 2]), "yearly"],
    ["more than half the months", f(0, [2, 13], [2, 3]), "monthly"],
    ["one deployment in a year", f(0, [1, 53], [1, 12]), "yearly"],
  ])("%s is %s", (_name, figures, bucket) => {
    expect(frequencyBucket(figures)).toBe(bucket);
  });
});
