import { localDate, periodIndex, periodsOf } from "./calendar.js";
import type {
  Dataset,
  DeployDayRow,
  Deployment,
  Grouping,
  LeadTimeRow,
  MetricRows,
  MetricsScope,
  RestoreRow,
} from "./types.js";

/**
 * The interpolated median, as PostgreSQL's `percentile_cont(0.5)`: the middle value of the sorted
 * samples, or the mean of the two middle ones when there is an even number; null when there are none.
 */
export function interpolatedMedian(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = 0.5 * (sorted.length - 1);
  const lo = sorted[Math.floor(pos)] as number;
  const hi = sorted[Math.ceil(pos)] as number;
  return lo + (pos - Math.floor(pos)) * (hi - lo);
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** The groupings a sample of `service` at period `period` counts in (the SQL's grouping sets). */
export function groupingsOf(scope: MetricsScope, service: string, period: number): Grouping[] {
  const groups = scope.groupBy === "service" ? [null, service] : [null];
  const periods = scope.interval ? [null, period] : [null];
  return groups.flatMap((group) => periods.map((p) => ({ group, period: p })));
}

/** Accumulates per-grouping state in a map keyed by the grouping (and an extra key part). */
function tally<T>(map: Map<string, T>, g: Grouping, extra: string, init: () => T): T {
  const key = `${g.group ?? "\u0000all"}\u0001${g.period ?? "all"}\u0001${extra}`;
  let acc = map.get(key);
  if (acc === undefined) {
    acc = init();
    map.set(key, acc);
  }
  return acc;
}

/**
 * The definitions of DESIGN section 7 over plain data, one sample at a time. This is the
 * specification the SQL in `api/services/dora-metrics.ts` is tested against; the product never
 * runs it over stored data.
 */
export function referenceRows(data: Dataset, scope: MetricsScope): MetricRows {
  const periods = periodsOf(scope.from, scope.to, scope.timeZone, scope.interval, scope.weekStart);
  const from = scope.from.getTime();
  const to = scope.to.getTime();
  const inService = (service: string) => scope.service === null || service === scope.service;
  // Only successful deployments to the requested environment ever count.
  const counting = (d: Deployment) => d.status === "success" && d.environment === scope.environment;

  // Deployments in the window: counting, of the service, deployed in [from, to).
  const inWindow = data.deployments.filter(
    (d) =>
      counting(d) && inService(d.service) && d.deployedAt.getTime() >= from && d.deployedAt.getTime() < to,
  );

  // A deployment failed when it contains the root-cause change of any incident, open or not,
  // whenever the incident happened and whichever service it was filed against.
  const rootCauses = new Set(
    data.incidents.flatMap((i) => (i.rootCauseChangeId ? [i.rootCauseChangeId] : [])),
  );

  const days = new Map<string, DeployDayRow>();
  for (const d of inWindow) {
    const day = localDate(d.deployedAt, scope.timeZone);
    const failed = d.changeIds.some((c) => rootCauses.has(c));
    for (const g of groupingsOf(scope, d.service, periodIndex(periods, d.deployedAt.getTime()))) {
      const acc = tally(days, g, day, () => ({ ...g, day, deployments: 0, failed: 0 }));
      acc.deployments++;
      if (failed) acc.failed++;
    }
  }

  // Lead time: one sample per (deployment in the window, distinct change it names).
  const changes = new Map(data.changes.map((c) => [c.id, c]));
  const leads = new Map<string, { row: LeadTimeRow; minutes: number[] }>();
  for (const d of inWindow) {
    for (const id of new Set(d.changeIds)) {
      const change = changes.get(id);
      const ms = change ? d.deployedAt.getTime() - change.committedAt.getTime() : null;
      for (const g of groupingsOf(scope, d.service, periodIndex(periods, d.deployedAt.getTime()))) {
        const acc = tally(leads, g, "", () => ({
          row: { ...g, samples: 0, excluded: 0, missingChanges: 0, medianMinutes: null },
          minutes: [] as number[],
        }));
        if (ms === null) acc.row.missingChanges++;
        else if (ms <= 0) acc.row.excluded++;
        else {
          acc.row.samples++;
          acc.minutes.push(ms / MINUTE_MS);
        }
      }
    }
  }

  // Time to restore: an incident starts at the earlier of its creation and the first counting
  // deployment (any service, any time) of its root-cause change, and belongs to the window its start is in.
  const firstDeployment = new Map<string, number>();
  for (const d of data.deployments) {
    if (!counting(d)) continue;
    const t = d.deployedAt.getTime();
    for (const c of d.changeIds) {
      if (t < (firstDeployment.get(c) ?? Number.POSITIVE_INFINITY)) firstDeployment.set(c, t);
    }
  }
  const restores = new Map<string, { row: RestoreRow; hours: number[] }>();
  for (const i of data.incidents) {
    if (!inService(i.service)) continue;
    const deployed = i.rootCauseChangeId ? firstDeployment.get(i.rootCauseChangeId) : undefined;
    const start = Math.min(i.createdAt.getTime(), deployed ?? Number.POSITIVE_INFINITY);
    if (start < from || start >= to) continue;
    for (const g of groupingsOf(scope, i.service, periodIndex(periods, start))) {
      const acc = tally(restores, g, "", () => ({
        row: { ...g, resolved: 0, open: 0, withoutRootCause: 0, rootCauseNotDeployed: 0, medianHours: null },
        hours: [] as number[],
      }));
      if (!i.rootCauseChangeId) acc.row.withoutRootCause++;
      else if (deployed === undefined) acc.row.rootCauseNotDeployed++;
      if (i.resolvedAt) {
        acc.row.resolved++;
        acc.hours.push((i.resolvedAt.getTime() - start) / HOUR_MS);
      } else {
        acc.row.open++;
      }
    }
  }

  return {
    days: [...days.values()],
    leadTimes: [...leads.values()].map(({ row, minutes }) => ({
      ...row,
      medianMinutes: interpolatedMedian(minutes),
    })),
    restores: [...restores.values()].map(({ row, hours }) => ({
      ...row,
      medianHours: interpolatedMedian(hours),
    })),
  };
}
