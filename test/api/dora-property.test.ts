import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEEKDAYS } from "../../api/domain/dora/calendar.js";
import { referenceRows } from "../../api/domain/dora/reference.js";
import type { Dataset, Grouping, MetricRows, MetricsScope } from "../../api/domain/dora/types.js";
import { metricRows } from "../../api/services/dora-metrics.js";
import { createTestDatabase, onPostgres, type TestDatabase } from "../helpers/db.js";
import { clearDora, defaultOrgId, KINDS, type Kind, merged, upsertDataset } from "../helpers/dora.js";

/**
 * The SQL path and the pure reference implementation agree on random datasets and random scopes.
 * DORA_PROPERTY_RUNS raises the number of runs (default 1000); DORA_PROPERTY_SEED replays a failure.
 */
const RUNS = Number(process.env.DORA_PROPERTY_RUNS ?? 1000);
const SEED = process.env.DORA_PROPERTY_SEED ? Number(process.env.DORA_PROPERTY_SEED) : undefined;

let d: TestDatabase;
beforeAll(async () => {
  d = await createTestDatabase();
});
afterAll(async () => {
  await d.destroy();
});

// Instants on a 15-minute grid across February to April 2025, so samples collide (same instant, same
// day, lead time exactly 0) and windows cross the March/April DST changes of the zones below; one in
// eight is off the grid by a random number of milliseconds.
const BASE = Date.parse("2025-02-01T00:00:00Z");
const QUARTER = 15 * 60_000;
const instant = fc
  .tuple(
    fc.integer({ min: 0, max: 90 * 96 }),
    fc.oneof({ weight: 7, arbitrary: fc.constant(0) }, fc.nat(QUARTER)),
  )
  .map(([q, ms]) => new Date(BASE + q * QUARTER + ms));
const duration = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 96 }).map((q) => q * QUARTER),
  fc.integer({ min: 1, max: 20 * 86_400_000 }),
);
const ZONES = [
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "Asia/Kolkata",
  "America/Sao_Paulo",
];

const changeIds = fc.constantFrom(...Array.from({ length: 24 }, (_, i) => `c${i}`));
const service = fc.constantFrom("api", "web", "batch");

/** Offsets that land exactly on, just before and just after another instant. */
const offset = fc.oneof(
  fc.constant(0),
  duration,
  duration.map((x) => -x),
);

const raw = fc.record({
  changes: fc.uniqueArray(
    fc.record({
      id: changeIds,
      service,
      committedAt: instant,
      // Often committed relative to a deployment, so lead times of exactly 0 and just below occur.
      anchor: fc.option(fc.record({ to: fc.nat(), by: offset }), { freq: 2 }),
    }),
    { selector: (c) => c.id, maxLength: 20 },
  ),
  deployments: fc.uniqueArray(
    fc.record({
      id: fc.integer({ min: 0, max: 59 }).map((i) => `d${i}`),
      service,
      environment: fc.constantFrom("production", "production", "production", "staging"),
      status: fc.constantFrom<"success" | "failure">("success", "success", "success", "failure"),
      deployedAt: instant,
      changeIds: fc.uniqueArray(changeIds, { maxLength: 5 }),
    }),
    { selector: (x) => x.id, maxLength: 40 },
  ),
  incidents: fc.uniqueArray(
    fc.record({
      id: fc.integer({ min: 0, max: 19 }).map((i) => `i${i}`),
      service,
      createdAt: instant,
      anchor: fc.option(fc.record({ to: fc.nat(), by: offset }), { freq: 2 }),
      resolvedAfter: fc.option(duration, { freq: 4 }),
      rootCauseChangeId: fc.option(changeIds, { freq: 3 }),
    }),
    { selector: (x) => x.id, maxLength: 12 },
  ),
});

const rawScope = fc.record({
  a: instant,
  b: instant,
  // Often a window bound is exactly a deployment's instant, to test [from, to) at its edges.
  anchorA: fc.option(fc.nat(), { freq: 3 }),
  anchorB: fc.option(fc.nat(), { freq: 3 }),
  timeZone: fc.constantFrom(...ZONES),
  weekStart: fc.constantFrom(...WEEKDAYS),
  environment: fc.constantFrom("production", "production", "staging"),
  service: fc.option(service, { freq: 3 }),
  groupBy: fc.constantFrom<"service" | null>(null, "service"),
  interval: fc.constantFrom<"week" | "month" | null>(null, "week", "month"),
});

type RawDataset = typeof raw extends fc.Arbitrary<infer T> ? T : never;

/** Resolves the anchors: instants placed relative to a deployment of the same dataset. */
function materialise(r: RawDataset): Dataset {
  const times = r.deployments.map((x) => x.deployedAt.getTime());
  const near = (anchor: { to: number; by: number } | null, own: Date) =>
    anchor && times.length ? new Date((times[anchor.to % times.length] as number) - anchor.by) : own;
  return {
    changes: r.changes.map(({ anchor, ...c }) => ({ ...c, committedAt: near(anchor, c.committedAt) })),
    deployments: r.deployments,
    incidents: r.incidents.map(({ anchor, resolvedAfter, ...i }) => {
      const createdAt = near(anchor, i.createdAt);
      return {
        ...i,
        createdAt,
        resolvedAt: resolvedAfter === null ? null : new Date(createdAt.getTime() + resolvedAfter),
      };
    }),
  };
}

interface Case {
  /** Upserted first, when present: the final dataset then updates what it shares with it. */
  earlier: Dataset | null;
  dataset: Dataset;
  /** The order kinds are upserted in, so deployments may arrive before their changes. */
  order: Kind[];
  scope: MetricsScope;
}

const cases: fc.Arbitrary<Case> = fc
  .record({
    earlier: fc.option(raw, { freq: 2 }),
    dataset: raw,
    order: fc.shuffledSubarray([...KINDS], { minLength: 3, maxLength: 3 }),
    scope: rawScope,
  })
  .map(({ earlier, dataset, order, scope: { a, b, anchorA, anchorB, ...options } }) => {
    const times = dataset.deployments.map((x) => x.deployedAt.getTime());
    const pick = (i: number | null, own: Date) =>
      i !== null && times.length ? new Date(times[i % times.length] as number) : own;
    const [from, to] = [pick(anchorA, a), pick(anchorB, b)].sort((p, q) => p.getTime() - q.getTime()) as [
      Date,
      Date,
    ];
    return {
      earlier: earlier && materialise(earlier),
      dataset: materialise(dataset),
      order,
      scope: { ...options, from, to },
    };
  })
  .filter(({ scope }) => scope.from.getTime() !== scope.to.getTime());

/** Rows keyed by grouping (and day), medians compared to a relative 1e-9. */
function canonical(rows: MetricRows) {
  const key = (g: Grouping & { day?: string }) => `${g.group ?? "*"}|${g.period ?? "*"}|${g.day ?? ""}`;
  const sort = <T extends Grouping>(list: T[]) =>
    [...list].map((r) => ({ ...r })).sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  return { days: sort(rows.days), leadTimes: sort(rows.leadTimes), restores: sort(rows.restores) };
}

function closeEnough(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function expectSameRows(fromSql: MetricRows, fromReference: MetricRows) {
  const s = canonical(fromSql);
  const r = canonical(fromReference);
  // Medians are compared with a tolerance (SQL works in float8 seconds, the reference in
  // milliseconds), everything else exactly: a close median takes the SQL value before comparing.
  s.leadTimes.forEach((row, i) => {
    const other = r.leadTimes[i];
    if (other && closeEnough(row.medianMinutes, other.medianMinutes)) other.medianMinutes = row.medianMinutes;
  });
  s.restores.forEach((row, i) => {
    const other = r.restores[i];
    if (other && closeEnough(row.medianHours, other.medianHours)) other.medianHours = row.medianHours;
  });
  expect(s).toEqual(r);
}

describe(`SQL and the reference agree on random data (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it(`on ${RUNS} random datasets and scopes`, { timeout: Math.max(60_000, RUNS * 200) }, async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ earlier, dataset, order, scope }) => {
        await clearDora(d);
        if (earlier) await upsertDataset(d, earlier, order);
        await upsertDataset(d, dataset, order);
        const stored = earlier ? merged(earlier, dataset) : dataset;
        expectSameRows(await metricRows(d, scope, await defaultOrgId(d)), referenceRows(stored, scope));
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});
