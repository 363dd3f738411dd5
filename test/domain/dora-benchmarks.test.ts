import { describe, expect, it } from "vitest";
import { BENCHMARK_EDITIONS, BENCHMARKS, classify } from "../../api/domain/dora/benchmarks/index.js";

const TIERS = ["elite", "high", "medium", "low"];

describe("the benchmark tables", () => {
  it.each(BENCHMARK_EDITIONS.map((e) => [e]))(
    "%s has its source and every tier of every metric",
    (edition) => {
      const b = BENCHMARKS[edition];
      expect(b?.edition).toBe(edition);
      expect(b?.source.title).toContain(edition);
      expect(b?.source.url).toMatch(/^https:\/\//);
      for (const scale of [b?.leadTimeForChanges, b?.changeFailureRate, b?.timeToRestore]) {
        expect(Object.keys(scale?.published ?? {}).sort()).toEqual([...TIERS].sort());
        // Bounds grow with the tiers, so the scale is monotonic; a derived bound always says why.
        const bounds = (scale?.cutoffs ?? []).map((c) => c.lessThan ?? c.atMost ?? Number.NaN);
        expect(bounds).toEqual([...bounds].sort((x, y) => x - y));
        for (const c of scale?.cutoffs ?? []) if (c.derived) expect(c.note).toBeTruthy();
      }
      expect(Object.values(b?.deploymentFrequency.buckets ?? {})).toEqual(["elite", "high", "medium", "low"]);
    },
  );
});

describe("classifying each metric separately", () => {
  it.each([
    // edition, metric, value, tier
    ["2024", "leadTimeForChanges", 23.99, "elite"],
    ["2024", "leadTimeForChanges", 24, "high"],
    ["2024", "leadTimeForChanges", 168, "high"],
    ["2024", "leadTimeForChanges", 168.01, "medium"],
    ["2024", "leadTimeForChanges", 720, "medium"],
    ["2024", "leadTimeForChanges", 10_000, "low"],
    ["2021", "leadTimeForChanges", 0.99, "elite"],
    ["2021", "leadTimeForChanges", 5, "high"],
    ["2021", "leadTimeForChanges", 400, "medium"],
    ["2021", "leadTimeForChanges", 4321, "low"],
    ["2024", "changeFailureRate", 0.05, "elite"],
    ["2024", "changeFailureRate", 0.1, "high"],
    ["2024", "changeFailureRate", 0.2, "high"],
    ["2024", "changeFailureRate", 0.25, "medium"],
    ["2024", "changeFailureRate", 0.31, "low"],
    ["2023", "changeFailureRate", 0.1, "high"],
    ["2023", "changeFailureRate", 0.15, "medium"],
    ["2023", "changeFailureRate", 0.16, "low"],
    ["2021", "changeFailureRate", 0.15, "elite"],
    ["2021", "changeFailureRate", 0.3, "high"],
    ["2021", "changeFailureRate", 0.45, "low"],
    ["2024", "timeToRestore", 0.5, "elite"],
    ["2024", "timeToRestore", 1, "high"],
    ["2024", "timeToRestore", 23.9, "high"],
    ["2024", "timeToRestore", 24, "medium"],
    ["2024", "timeToRestore", 169, "low"],
    ["2023", "timeToRestore", 168, "medium"],
    ["2021", "timeToRestore", 500, "low"],
  ] as const)("%s %s of %d is %s", (edition, metric, value, tier) => {
    const scale = BENCHMARKS[edition]?.[metric];
    if (!scale) throw new Error("missing table");
    expect(classify(scale, value)).toBe(tier);
  });
});
