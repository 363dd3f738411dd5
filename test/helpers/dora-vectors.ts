import type { Dataset } from "../../api/domain/dora/types.js";
import { change, dataset, deployment, incident } from "./dora.js";

/**
 * Hand-computed test vectors for every definition of DESIGN section 7. Each is checked twice: on the
 * pure reference implementation (test/domain/dora-metrics.test.ts) and through the API on the real
 * database (test/api/dora-metrics.test.ts), so SQL and reference agree on the cases a human worked out.
 *
 * Unless a vector says otherwise the window is the four whole weeks Monday 3 March 2025 00:00 UTC to
 * Monday 31 March 2025 00:00 UTC: 4 calendar weeks, 1 calendar month.
 */
export interface Vector {
  name: string;
  data: Dataset;
  /** Query parameters of `GET /v1/dora/metrics`. */
  query: Record<string, string>;
  /** Matched with `toMatchObject`: what the vector is about, worked out by hand. */
  expected: Record<string, unknown>;
}

const MARCH = { from: "2025-03-03T00:00:00Z", to: "2025-03-31T00:00:00Z" };
const noDeployments = "no successful deployments to production in the window";

export const VECTORS: Vector[] = [
  {
    name: "no data at all: every figure is null with a reason and no tier",
    data: dataset({}),
    query: MARCH,
    expected: {
      deploymentFrequency: {
        deployments: 0,
        deployDays: 0,
        weeks: 4,
        weeksWithDeployments: 0,
        medianDeployDaysPerWeek: 0,
        months: 1,
        monthsWithDeployments: 0,
        bucket: null,
        tier: null,
        reason: noDeployments,
      },
      leadTimeForChanges: { medianMinutes: null, samples: 0, excluded: 0, tier: null, reason: noDeployments },
      changeFailureRate: {
        rate: null,
        failedDeployments: 0,
        deployments: 0,
        tier: null,
        reason: noDeployments,
      },
      timeToRestore: {
        medianHours: null,
        resolved: 0,
        open: 0,
        tier: null,
        reason: "no incidents started in the window",
      },
    },
  },
  {
    // c1 ships on Tuesday (24 h) and again on Wednesday (48 h); an incident it caused is created on
    // Thursday 09:00 and resolved at 10:00, but started with c1's first deployment on Tuesday 09:00.
    name: "a change shipped in two deployments: two lead-time samples, two failed deployments, restore from the first",
    data: dataset({
      changes: [change("c1", "2025-03-03T09:00:00Z")],
      deployments: [
        deployment("d1", "2025-03-04T09:00:00Z", ["c1"]),
        deployment("d2", "2025-03-05T09:00:00Z", ["c1"]),
      ],
      incidents: [incident("i1", "2025-03-06T09:00:00Z", "2025-03-06T10:00:00Z", "c1")],
    }),
    query: MARCH,
    expected: {
      leadTimeForChanges: { medianMinutes: 2160, samples: 2, excluded: 0, tier: "high", reason: null },
      changeFailureRate: { rate: 1, failedDeployments: 2, deployments: 2, tier: "low" },
      timeToRestore: { medianHours: 49, resolved: 1, open: 0, withoutRootCause: 0, tier: "medium" },
    },
  },
  {
    name: "a lead time ≤ 0 (committed at or after the deployment) is left out and counted",
    data: dataset({
      changes: [
        change("c1", "2025-03-04T09:00:00Z"),
        change("c2", "2025-03-04T10:00:00Z"),
        change("c3", "2025-03-04T11:00:00Z"),
      ],
      deployments: [deployment("d1", "2025-03-04T10:00:00Z", ["c1", "c2", "c3"])],
    }),
    query: MARCH,
    expected: {
      leadTimeForChanges: { medianMinutes: 60, samples: 1, excluded: 2, missingChanges: 0, tier: "elite" },
    },
  },
  {
    name: "only lead times ≤ 0: no median, and the reason says why",
    data: dataset({
      changes: [change("c1", "2025-03-04T11:00:00Z")],
      deployments: [deployment("d1", "2025-03-04T10:00:00Z", ["c1", "never-sent"])],
    }),
    query: MARCH,
    expected: {
      leadTimeForChanges: {
        medianMinutes: null,
        samples: 0,
        excluded: 1,
        missingChanges: 1,
        tier: null,
        reason: "no change with a positive lead time: 1 had a lead time ≤ 0 and 1 were never ingested",
      },
    },
  },
  {
    name: "an open incident is left out of the median and counted",
    data: dataset({
      incidents: [
        incident("i1", "2025-03-10T00:00:00Z", null),
        incident("i2", "2025-03-11T00:00:00Z", "2025-03-11T02:00:00Z"),
      ],
    }),
    query: MARCH,
    expected: { timeToRestore: { medianHours: 2, resolved: 1, open: 1, tier: "high", reason: null } },
  },
  {
    name: "only open incidents: no median, and the reason says why",
    data: dataset({ incidents: [incident("i1", "2025-03-10T00:00:00Z", null)] }),
    query: MARCH,
    expected: {
      timeToRestore: {
        medianHours: null,
        resolved: 0,
        open: 1,
        tier: null,
        reason: "none of the 1 incidents that started in the window is resolved yet",
      },
    },
  },
  {
    // i1 has no root cause: 6 h from creation. i2's cause c1 was deployed at 12:00 the day before: 18 h.
    name: "an incident without a root cause starts at its creation",
    data: dataset({
      changes: [change("c1", "2025-03-09T08:00:00Z")],
      deployments: [deployment("d1", "2025-03-09T12:00:00Z", ["c1"])],
      incidents: [
        incident("i1", "2025-03-10T00:00:00Z", "2025-03-10T06:00:00Z"),
        incident("i2", "2025-03-10T00:00:00Z", "2025-03-10T06:00:00Z", "c1"),
      ],
    }),
    query: MARCH,
    expected: {
      timeToRestore: { medianHours: 12, resolved: 2, open: 0, withoutRootCause: 1, rootCauseNotDeployed: 0 },
      changeFailureRate: { rate: 1, failedDeployments: 1, deployments: 1 },
    },
  },
  {
    // d0 is a second before the window. Its incident is created inside the window but started when d0
    // shipped the cause, so it belongs to the window before; d0 counts for nothing here.
    name: "a deployment before the window counts for nothing, nor does the incident it started",
    data: dataset({
      changes: [change("c0", "2025-03-02T20:00:00Z"), change("c1", "2025-03-04T08:00:00Z")],
      deployments: [
        deployment("d0", "2025-03-02T23:59:59Z", ["c0"]),
        deployment("d1", "2025-03-04T09:00:00Z", ["c1"]),
      ],
      incidents: [incident("i0", "2025-03-03T01:00:00Z", "2025-03-03T03:00:00Z", "c0")],
    }),
    query: MARCH,
    expected: {
      deploymentFrequency: { deployments: 1, deployDays: 1 },
      leadTimeForChanges: { medianMinutes: 60, samples: 1 },
      changeFailureRate: { rate: 0, failedDeployments: 0, deployments: 1, tier: "elite" },
      timeToRestore: {
        medianHours: null,
        resolved: 0,
        open: 0,
        reason: "no incidents started in the window",
      },
    },
  },
  {
    // Deployed on 28 March, the cause of an incident opened on 2 April: the incident belongs to March.
    name: "an incident created after the window belongs to it when its cause shipped inside it",
    data: dataset({
      deployments: [deployment("d1", "2025-03-28T12:00:00Z", ["c9"])],
      incidents: [incident("i1", "2025-04-02T00:00:00Z", "2025-04-02T12:00:00Z", "c9")],
    }),
    query: MARCH,
    expected: {
      changeFailureRate: { rate: 1, failedDeployments: 1 },
      timeToRestore: { medianHours: 120, resolved: 1, tier: "medium" },
    },
  },
  {
    name: "a root cause never deployed to the environment starts at creation and is counted",
    data: dataset({
      deployments: [deployment("s1", "2025-03-05T00:00:00Z", ["c1"], { environment: "staging" })],
      incidents: [incident("i1", "2025-03-10T00:00:00Z", "2025-03-10T00:30:00Z", "c1")],
    }),
    query: MARCH,
    expected: {
      deploymentFrequency: { deployments: 0 },
      timeToRestore: { medianHours: 0.5, resolved: 1, rootCauseNotDeployed: 1, tier: "elite" },
    },
  },
  {
    name: "failed deployments and other environments do not count",
    data: dataset({
      deployments: [
        deployment("ok", "2025-03-04T09:00:00Z"),
        deployment("failed", "2025-03-04T10:00:00Z", [], { status: "failure" }),
        deployment("staging", "2025-03-05T10:00:00Z", [], { environment: "staging" }),
      ],
    }),
    query: MARCH,
    expected: { deploymentFrequency: { deployments: 1, deployDays: 1, weeksWithDeployments: 1 } },
  },
  {
    name: "several deployments on one day are one deploy day",
    data: dataset({
      deployments: [
        deployment("d1", "2025-03-04T00:00:00Z"),
        deployment("d2", "2025-03-04T12:00:00Z"),
        deployment("d3", "2025-03-04T23:59:59Z"),
        deployment("d4", "2025-03-05T09:00:00Z"),
      ],
    }),
    query: MARCH,
    expected: {
      deploymentFrequency: {
        deployments: 4,
        deployDays: 2,
        weeks: 4,
        weeksWithDeployments: 1,
        medianDeployDaysPerWeek: 0,
        months: 1,
        monthsWithDeployments: 1,
        bucket: "monthly",
        tier: "medium",
      },
    },
  },
  {
    name: "exactly half the weeks with deployments is not weekly",
    data: dataset({
      deployments: [deployment("w1", "2025-03-04T09:00:00Z"), deployment("w3", "2025-03-18T09:00:00Z")],
    }),
    query: MARCH,
    expected: {
      deploymentFrequency: { weeks: 4, weeksWithDeployments: 2, bucket: "monthly", tier: "medium" },
    },
  },
  {
    name: "more than half the weeks with deployments is weekly",
    data: dataset({
      deployments: [
        deployment("w1", "2025-03-04T09:00:00Z"),
        deployment("w2", "2025-03-11T09:00:00Z"),
        deployment("w3", "2025-03-18T09:00:00Z"),
      ],
    }),
    query: MARCH,
    expected: { deploymentFrequency: { weeksWithDeployments: 3, bucket: "weekly", tier: "high" } },
  },
  {
    // Deploy days per week 3, 3, 3, 2: the median is 3.
    name: "a median of three deploy days per week is daily",
    data: dataset({
      deployments: ["03", "04", "05", "10", "11", "12", "17", "18", "19", "24", "25"].map((day) =>
        deployment(`d${day}`, `2025-03-${day}T09:00:00Z`),
      ),
    }),
    query: MARCH,
    expected: {
      deploymentFrequency: {
        deployDays: 11,
        medianDeployDaysPerWeek: 3,
        weeksWithDeployments: 4,
        bucket: "daily",
        tier: "elite",
      },
    },
  },
  {
    // Deploy days per week 3, 3, 2, 2: the interpolated median is 2.5.
    name: "an interpolated median of 2.5 deploy days per week is not daily",
    data: dataset({
      deployments: ["03", "04", "05", "10", "11", "12", "17", "18", "24", "25"].map((day) =>
        deployment(`d${day}`, `2025-03-${day}T09:00:00Z`),
      ),
    }),
    query: MARCH,
    expected: { deploymentFrequency: { medianDeployDaysPerWeek: 2.5, bucket: "weekly" } },
  },
  {
    // Two of three months had a deployment, in no more than half the 14 weeks (1 Jan is a Wednesday).
    name: "more than half the months with deployments is monthly; fewer is yearly",
    data: dataset({
      deployments: [deployment("jan", "2025-01-15T09:00:00Z"), deployment("mar", "2025-03-15T09:00:00Z")],
    }),
    query: { from: "2025-01-01", to: "2025-04-01" },
    expected: {
      deploymentFrequency: {
        weeks: 14,
        weeksWithDeployments: 2,
        months: 3,
        monthsWithDeployments: 2,
        bucket: "monthly",
      },
    },
  },
  {
    name: "one month in three is yearly",
    data: dataset({ deployments: [deployment("jan", "2025-01-15T09:00:00Z")] }),
    query: { from: "2025-01-01", to: "2025-04-01" },
    expected: { deploymentFrequency: { months: 3, monthsWithDeployments: 1, bucket: "yearly", tier: "low" } },
  },
  {
    // Berlin, 24 March to 7 April 2025 (local midnights: 23:00Z, then 22:00Z after clocks go forward on
    // 30 March at 01:00Z). Local deploy days: Mon 24, Sun 30 (twice, across the change), Mon 31, Sun 6 April.
    // The first and last instants lie outside the window. c1's lead time spans the change: 60 minutes.
    name: "a window in Europe/Berlin across the DST change",
    data: dataset({
      changes: [change("c1", "2025-03-30T00:30:00Z")],
      deployments: [
        deployment("before", "2025-03-23T22:30:00Z"),
        deployment("mon24", "2025-03-23T23:30:00Z"),
        deployment("sun30-cet", "2025-03-30T00:30:00Z"),
        deployment("sun30-cest", "2025-03-30T01:30:00Z", ["c1"]),
        deployment("mon31", "2025-03-30T22:30:00Z"),
        deployment("sun6", "2025-04-06T21:30:00Z"),
        deployment("after", "2025-04-06T22:30:00Z"),
      ],
    }),
    query: { from: "2025-03-24", to: "2025-04-07", tz: "Europe/Berlin" },
    expected: {
      window: { from: "2025-03-23T23:00:00.000Z", to: "2025-04-06T22:00:00.000Z", timeZone: "Europe/Berlin" },
      deploymentFrequency: {
        deployments: 5,
        deployDays: 4,
        weeks: 2,
        weeksWithDeployments: 2,
        medianDeployDaysPerWeek: 2,
        months: 2,
        monthsWithDeployments: 2,
        bucket: "weekly",
      },
      leadTimeForChanges: { medianMinutes: 60, samples: 1 },
    },
  },
  {
    name: "the same Berlin window with weeks starting on Sunday",
    data: dataset({
      deployments: [
        deployment("mon24", "2025-03-23T23:30:00Z"),
        deployment("sun30-cet", "2025-03-30T00:30:00Z"),
        deployment("sun30-cest", "2025-03-30T01:30:00Z"),
        deployment("mon31", "2025-03-30T22:30:00Z"),
        deployment("sun6", "2025-04-06T21:30:00Z"),
      ],
    }),
    query: { from: "2025-03-24", to: "2025-04-07", tz: "Europe/Berlin", weekStart: "sunday" },
    expected: {
      deploymentFrequency: { deployDays: 4, weeks: 3, weeksWithDeployments: 3, medianDeployDaysPerWeek: 1 },
    },
  },
  {
    name: "the same Berlin window as a weekly series cut at local midnight",
    data: dataset({
      deployments: [
        deployment("mon24", "2025-03-23T23:30:00Z"),
        deployment("sun30-cet", "2025-03-30T00:30:00Z"),
        deployment("sun30-cest", "2025-03-30T01:30:00Z"),
        deployment("mon31", "2025-03-30T22:30:00Z"),
        deployment("sun6", "2025-04-06T21:30:00Z"),
      ],
    }),
    query: { from: "2025-03-24", to: "2025-04-07", tz: "Europe/Berlin", interval: "week" },
    expected: {
      deploymentFrequency: { deployments: 5 },
      series: [
        {
          from: "2025-03-23T23:00:00.000Z",
          to: "2025-03-30T22:00:00.000Z",
          deploymentFrequency: { deployments: 3, deployDays: 2, weeks: 1, bucket: "weekly" },
        },
        {
          from: "2025-03-30T22:00:00.000Z",
          to: "2025-04-06T22:00:00.000Z",
          deploymentFrequency: { deployments: 2, deployDays: 2, weeks: 1, bucket: "weekly" },
        },
      ],
    },
  },
  {
    name: "a monthly series keeps empty months, with a reason",
    data: dataset({
      deployments: [deployment("jan", "2025-01-15T09:00:00Z"), deployment("mar", "2025-03-15T09:00:00Z")],
    }),
    query: { from: "2025-01-01", to: "2025-04-01", interval: "month" },
    expected: {
      series: [
        { from: "2025-01-01T00:00:00.000Z", deploymentFrequency: { deployments: 1, weeks: 5, months: 1 } },
        {
          from: "2025-02-01T00:00:00.000Z",
          deploymentFrequency: { deployments: 0, bucket: null, reason: noDeployments },
          changeFailureRate: { rate: null },
        },
        {
          from: "2025-03-01T00:00:00.000Z",
          to: "2025-04-01T00:00:00.000Z",
          deploymentFrequency: { deployments: 1 },
        },
      ],
    },
  },
  {
    // Both services deploy on Tuesday: one deploy day each, one in total. Lead times: api 60 and 180
    // minutes, web 600; the total's median is over all three samples, not a median of medians. web's
    // incident starts when w1 shipped (Tuesday 09:00) and is resolved Wednesday 01:00: 16 h.
    name: "per service, and a total that is not a sum of the rows",
    data: dataset({
      changes: [
        change("a1", "2025-03-04T08:00:00Z", "api"),
        change("a2", "2025-03-04T06:00:00Z", "api"),
        change("w1", "2025-03-03T23:00:00Z", "web"),
      ],
      deployments: [
        deployment("api-1", "2025-03-04T09:00:00Z", ["a1", "a2"], { service: "api" }),
        deployment("web-1", "2025-03-04T09:00:00Z", ["w1"], { service: "web" }),
      ],
      incidents: [incident("web-down", "2025-03-05T00:00:00Z", "2025-03-05T01:00:00Z", "w1", "web")],
    }),
    query: { ...MARCH, groupBy: "service" },
    expected: {
      deploymentFrequency: { deployments: 2, deployDays: 1 },
      leadTimeForChanges: { medianMinutes: 180, samples: 3 },
      changeFailureRate: { rate: 0.5, failedDeployments: 1, deployments: 2 },
      services: [
        {
          service: "api",
          deploymentFrequency: { deployments: 1, deployDays: 1 },
          leadTimeForChanges: { medianMinutes: 120, samples: 2 },
          changeFailureRate: { rate: 0, failedDeployments: 0 },
          timeToRestore: { medianHours: null, resolved: 0 },
        },
        {
          service: "web",
          leadTimeForChanges: { medianMinutes: 600, samples: 1 },
          changeFailureRate: { rate: 1, failedDeployments: 1 },
          timeToRestore: { medianHours: 16, resolved: 1 },
        },
      ],
    },
  },
  {
    name: "a service filter applies to deployments and incidents alike",
    data: dataset({
      deployments: [
        deployment("api-1", "2025-03-04T09:00:00Z", [], { service: "api" }),
        deployment("web-1", "2025-03-05T09:00:00Z", [], { service: "web" }),
      ],
      incidents: [
        incident("api-down", "2025-03-06T00:00:00Z", "2025-03-06T03:00:00Z", null, "api"),
        incident("web-down", "2025-03-06T00:00:00Z", "2025-03-06T05:00:00Z", null, "web"),
      ],
    }),
    query: { ...MARCH, service: "web" },
    expected: {
      window: { service: "web" },
      deploymentFrequency: { deployments: 1 },
      timeToRestore: { medianHours: 5, resolved: 1 },
    },
  },
  {
    // In the 2023 edition: a 30 h lead time is high (a day to a week), a 30 minute restore elite, and one
    // failed deployment in five (20%) low, above medium's 15% (in 2024 it would be high: at most 20%).
    name: "tiers follow the chosen benchmark edition",
    data: dataset({
      changes: [change("c1", "2025-03-03T03:00:00Z")],
      deployments: [
        deployment("d1", "2025-03-04T09:00:00Z", ["c1"]),
        deployment("d2", "2025-03-05T09:00:00Z"),
        deployment("d3", "2025-03-06T09:00:00Z"),
        deployment("d4", "2025-03-07T09:00:00Z"),
        deployment("d5", "2025-03-10T09:00:00Z"),
      ],
      incidents: [incident("i1", "2025-03-04T09:00:00Z", "2025-03-04T09:30:00Z", "c1")],
    }),
    query: { ...MARCH, benchmark: "2023" },
    expected: {
      benchmark: { edition: "2023" },
      leadTimeForChanges: { medianMinutes: 1800, tier: "high" },
      changeFailureRate: { rate: 0.2, tier: "low" },
      timeToRestore: { medianHours: 0.5, tier: "elite" },
    },
  },
];
