import { BENCHMARKS, type BenchmarkEdition, classify } from "./benchmarks/index.js";
import { monthOf, monthsOverlapping, type Period, periodsOf, weekOf, weeksOverlapping } from "./calendar.js";
import { interpolatedMedian } from "./reference.js";
import type {
  ChangeFailureRate,
  DeploymentFrequency,
  FourKeys,
  FrequencyBucket,
  Grouping,
  LeadTimeForChanges,
  MetricRows,
  MetricsReport,
  MetricsScope,
  TimeToRestore,
} from "./types.js";

/** Figures are rounded for display only; tiers are decided on the exact values. */
function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

const keyOf = (g: Grouping) => `${g.group === null ? "*" : `=${g.group}`}|${g.period ?? "*"}`;

function byGrouping<T extends Grouping>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}

/**
 * The deployment-frequency bucket: daily when the median number of deploy days per calendar week
 * is at least 3; else weekly when more than half the weeks had a deployment; else monthly when more
 * than half the months had one; else yearly.
 */
export function frequencyBucket(f: {
  medianDeployDaysPerWeek: number;
  weeks: number;
  weeksWithDeployments: number;
  months: number;
  monthsWithDeployments: number;
}): FrequencyBucket {
  if (f.medianDeployDaysPerWeek >= 3) return "daily";
  if (f.weeksWithDeployments > f.weeks / 2) return "weekly";
  if (f.monthsWithDeployments > f.months / 2) return "monthly";
  return "yearly";
}

/**
 * Turns the aggregates into the answer of `GET /v1/dora/metrics`: the four keys for the window,
 * plus a row per service and a trend series when the scope asks. Pure; SQL and the reference
 * implementation feed it the same rows.
 */
export function buildReport(rows: MetricRows, scope: MetricsScope, edition: BenchmarkEdition): MetricsReport {
  const bench = BENCHMARKS[edition];
  if (!bench) throw new RangeError(`unknown benchmark edition ${edition}`);
  const periods = periodsOf(scope.from, scope.to, scope.timeZone, scope.interval, scope.weekStart);
  const env = scope.environment;
  const dayRows = byGrouping(rows.days);
  const leadRows = byGrouping(rows.leadTimes);
  const restoreRows = byGrouping(rows.restores);

  const figures = (g: Grouping): FourKeys => {
    const window: Period =
      g.period === null ? { from: scope.from, to: scope.to } : (periods[g.period] as Period);

    // Deployment frequency, from the deploy days of this grouping.
    const days = dayRows.get(keyOf(g)) ?? [];
    const deployments = days.reduce((n, r) => n + r.deployments, 0);
    const failedDeployments = days.reduce((n, r) => n + r.failed, 0);
    const weeks = weeksOverlapping(window.from, window.to, scope.timeZone, scope.weekStart);
    const daysPerWeek = new Map(weeks.map((w) => [w, 0]));
    for (const r of days) {
      const w = weekOf(r.day, scope.weekStart);
      daysPerWeek.set(w, (daysPerWeek.get(w) ?? 0) + 1);
    }
    const months = monthsOverlapping(window.from, window.to, scope.timeZone);
    const counts = {
      weeks: weeks.length,
      weeksWithDeployments: [...daysPerWeek.values()].filter((n) => n > 0).length,
      medianDeployDaysPerWeek: interpolatedMedian([...daysPerWeek.values()]) ?? 0,
      months: months.length,
      monthsWithDeployments: new Set(days.map((r) => monthOf(r.day))).size,
    };
    const noDeployments = `no successful deployments to ${env} in the window`;
    const bucket = deployments > 0 ? frequencyBucket(counts) : null;
    const deploymentFrequency: DeploymentFrequency = {
      deployments,
      deployDays: days.length,
      ...counts,
      bucket,
      tier: bucket ? bench.deploymentFrequency.buckets[bucket] : null,
      reason: bucket ? null : noDeployments,
    };

    const lead = leadRows.get(keyOf(g))?.[0];
    const samples = lead?.samples ?? 0;
    const excluded = lead?.excluded ?? 0;
    const missingChanges = lead?.missingChanges ?? 0;
    const median = lead?.medianMinutes ?? null;
    const leadTimeForChanges: LeadTimeForChanges = {
      medianMinutes: median === null ? null : round(median, 2),
      samples,
      excluded,
      missingChanges,
      tier: median === null ? null : classify(bench.leadTimeForChanges, median / 60),
      reason:
        median !== null
          ? null
          : deployments === 0
            ? noDeployments
            : excluded + missingChanges === 0
              ? "the deployments in the window name no changes"
              : `no change with a positive lead time: ${excluded} had a lead time ≤ 0 and ${missingChanges} were never ingested`,
    };

    const rate = deployments > 0 ? failedDeployments / deployments : null;
    const changeFailureRate: ChangeFailureRate = {
      rate: rate === null ? null : round(rate, 4),
      failedDeployments,
      deployments,
      tier: rate === null ? null : classify(bench.changeFailureRate, rate),
      reason: rate === null ? noDeployments : null,
    };

    const restore = restoreRows.get(keyOf(g))?.[0];
    const hours = restore?.medianHours ?? null;
    const resolved = restore?.resolved ?? 0;
    const open = restore?.open ?? 0;
    const timeToRestore: TimeToRestore = {
      medianHours: hours === null ? null : round(hours, 3),
      resolved,
      open,
      withoutRootCause: restore?.withoutRootCause ?? 0,
      rootCauseNotDeployed: restore?.rootCauseNotDeployed ?? 0,
      tier: hours === null ? null : classify(bench.timeToRestore, hours),
      reason:
        hours !== null
          ? null
          : open === 0
            ? "no incidents started in the window"
            : `none of the ${open} incidents that started in the window is resolved yet`,
    };

    return { deploymentFrequency, leadTimeForChanges, changeFailureRate, timeToRestore };
  };

  const seriesOf = (group: string | null) =>
    periods.map((p, i) => ({
      from: p.from.toISOString(),
      to: p.to.toISOString(),
      ...figures({ group, period: i }),
    }));

  const report: MetricsReport = {
    window: {
      from: scope.from.toISOString(),
      to: scope.to.toISOString(),
      timeZone: scope.timeZone,
      weekStart: scope.weekStart,
      environment: scope.environment,
      service: scope.service,
    },
    benchmark: {
      edition: bench.edition,
      source: `${bench.source.title}, ${bench.source.publisher}`,
    },
    ...figures({ group: null, period: null }),
  };
  if (scope.interval) report.series = seriesOf(null);
  if (scope.groupBy === "service") {
    const services = new Set<string>();
    for (const r of [...rows.days, ...rows.leadTimes, ...rows.restores])
      if (r.group !== null) services.add(r.group);
    report.services = [...services].sort().map((service) => ({
      service,
      ...figures({ group: service, period: null }),
      ...(scope.interval ? { series: seriesOf(service) } : {}),
    }));
  }
  return report;
}
