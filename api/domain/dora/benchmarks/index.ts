import type { FrequencyBucket, Tier } from "../types.js";
import b2021 from "./2021.json" with { type: "json" };
import b2023 from "./2023.json" with { type: "json" };
import b2024 from "./2024.json" with { type: "json" };

/** A rule of a lower-is-better scale: values below (`lessThan`) or up to (`atMost`) the bound get `tier`. */
export interface Cutoff {
  tier: Tier;
  lessThan?: number;
  atMost?: number;
  /** True when the bound is Baton's reading of an ambiguous or missing published cut-off. */
  derived: boolean;
  note?: string;
}

export interface Scale {
  unit: "hours" | "fraction";
  /** The report's wording per tier, kept verbatim for display. */
  published: Record<Tier, string>;
  /** Tried in order; a value no rule takes gets `otherwise`. */
  cutoffs: Cutoff[];
  otherwise: Tier;
  note?: string;
}

export interface Benchmark {
  edition: string;
  source: { title: string; publisher: string; url: string; table: string };
  caveat: string;
  deploymentFrequency: {
    published: Record<Tier, string>;
    buckets: Record<FrequencyBucket, Tier>;
    derived: boolean;
    note: string;
  };
  leadTimeForChanges: Scale;
  changeFailureRate: Scale;
  timeToRestore: Scale;
}

/** The versioned benchmark tables, by edition; the newest is the default. */
export const BENCHMARKS: Readonly<Record<string, Benchmark>> = {
  "2024": b2024 as Benchmark,
  "2023": b2023 as Benchmark,
  "2021": b2021 as Benchmark,
};
export const BENCHMARK_EDITIONS = ["2024", "2023", "2021"] as const;
export type BenchmarkEdition = (typeof BENCHMARK_EDITIONS)[number];
export const DEFAULT_BENCHMARK: BenchmarkEdition = "2024";

/** The tier of a value on a lower-is-better scale. */
export function classify(scale: Scale, value: number): Tier {
  for (const c of scale.cutoffs) {
    if (c.lessThan !== undefined && value < c.lessThan) return c.tier;
    if (c.atMost !== undefined && value <= c.atMost) return c.tier;
  }
  return scale.otherwise;
}
