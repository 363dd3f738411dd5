import { type SQL, sql } from "drizzle-orm";
import { queryRows } from "../../db/rows.js";
import type { Database } from "../../db/types.js";
import type { BenchmarkEdition } from "../domain/dora/benchmarks/index.js";
import { localDate, periodsOf, startOfLocalDay, type Weekday, weekOf } from "../domain/dora/calendar.js";
import { buildReport } from "../domain/dora/report.js";
import type {
  DeployDayRow,
  LeadTimeRow,
  MetricRows,
  MetricsScope,
  RestoreRow,
} from "../domain/dora/types.js";
import { addCalendarDays, canonicalTimeZone } from "../domain/time/zoned.js";
import { DomainError } from "../errors.js";
import type { Metrics, MetricsQuery } from "../schemas/dora.js";
import { loadWorkshop, resolveOrgId, type ServiceContext } from "./context.js";
import { getSurveyBaseline } from "./dora-survey.js";

/** The longest window one request may ask for. */
export const MAX_WINDOW_DAYS = 3660;
const DEFAULT_WINDOW_DAYS = 84;
const DAY_MS = 86_400_000;

export interface ScopeParams {
  from?: string | undefined;
  to?: string | undefined;
  service?: string | undefined;
  environment: string;
  tz: string;
  weekStart: Weekday;
  groupBy?: "service" | undefined;
  interval?: "week" | "month" | undefined;
}

function bad(path: string, message: string): DomainError {
  return new DomainError("VALIDATION", `Invalid request: ${path}: ${message}`, [{ path, message }]);
}

/** A query bound: a date is local midnight in the time zone; an instant is itself. */
function boundary(value: string, timeZone: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? startOfLocalDay(value, timeZone) : new Date(value);
}

/**
 * The window and options of a request. Without `to`, the window ends where the current calendar
 * week starts (in `tz`); without `from`, it starts 84 local days (12 weeks) before `to`'s date.
 */
export function resolveScope(q: ScopeParams, now: Date): MetricsScope {
  const timeZone = canonicalTimeZone(q.tz) ?? q.tz;
  const to = q.to
    ? boundary(q.to, timeZone)
    : startOfLocalDay(weekOf(localDate(now, timeZone), q.weekStart), timeZone);
  const from = q.from
    ? boundary(q.from, timeZone)
    : startOfLocalDay(addCalendarDays(localDate(to, timeZone), -DEFAULT_WINDOW_DAYS), timeZone);
  if (from >= to) throw bad("from", `must be before to (${to.toISOString()})`);
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw bad("to", `the window may span at most ${MAX_WINDOW_DAYS} days`);
  }
  return {
    from,
    to,
    timeZone,
    weekStart: q.weekStart,
    environment: q.environment,
    service: q.service ?? null,
    groupBy: q.groupBy ?? null,
    interval: q.interval ?? null,
  };
}

/**
 * The grouping sets a scope needs, mirroring `groupingsOf` in the reference implementation. The empty
 * set yields a row even over no input; the queries drop such rows (`having count(*) > 0`).
 */
function groupingSets(scope: MetricsScope, extra: SQL[]): SQL {
  const sets: SQL[][] = [[]];
  if (scope.interval) sets.push([sql`period`]);
  if (scope.groupBy) sets.push([sql`svc`]);
  if (scope.interval && scope.groupBy) sets.push([sql`svc`, sql`period`]);
  const list = sets.map((s) => sql`(${sql.join([...s, ...extra], sql`, `)})`);
  return sql`grouping sets (${sql.join(list, sql`, `)})`;
}

/** The grouping columns; a column in no grouping set may not be selected, so it is a typed null then. */
function groupingColumns(scope: MetricsScope): SQL {
  return sql`${scope.groupBy ? sql`svc` : sql`null::text`} as "group", ${scope.interval ? sql`period` : sql`null::int`} as period`;
}

/** The period index of an instant: how many period starts after the first are ≤ it. */
function periodOf(scope: MetricsScope, instant: SQL): SQL {
  if (!scope.interval) return sql`0`;
  const cuts = periodsOf(scope.from, scope.to, scope.timeZone, scope.interval, scope.weekStart)
    .slice(1)
    .map((p) => p.from.toISOString());
  if (cuts.length === 0) return sql`0`;
  return sql`width_bucket(${instant}, ${`{${cuts.join(",")}}`}::timestamptz[])`;
}

/**
 * Runs one metric query in its own transaction with planner settings for this workload, set for that
 * transaction only: index probes priced as on cached or SSD-backed data (the failed-deployment set is
 * then found by probing the links of each incident's root cause instead of scanning every link), and
 * room for `percentile_cont` to sort millions of samples in memory. On PostgreSQL the three queries
 * run concurrently, each on its own connection.
 */
async function tuned<T extends Record<string, unknown>>(database: Database, query: SQL): Promise<T[]> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`set local random_page_cost = 1.1`);
    await tx.execute(sql`set local work_mem = '64MB'`);
    return queryRows<T>(tx, query);
  });
}

/**
 * The samples in the window: successful deployments to the environment (of the service), by
 * deployment (`d`) and by link (`l`), deployed in `[from, to)`.
 */
export function windowFilters(scope: MetricsScope, orgId: string): { deployments: SQL; links: SQL } {
  const filter = (t: SQL) => sql`${t}.org_id = ${orgId}::uuid
    and ${t}.environment = ${scope.environment} and ${t}.status = 'success'
    and ${t}.deployed_at >= ${scope.from.toISOString()}::timestamptz and ${t}.deployed_at < ${scope.to.toISOString()}::timestamptz
    ${scope.service === null ? sql`` : sql`and ${t}.service = ${scope.service}`}`;
  return { deployments: filter(sql.raw("d")), links: filter(sql.raw("l")) };
}

/**
 * The aggregates of DESIGN section 7, computed in PostgreSQL: only grouped rows come back (a row per
 * deploy day, and one per grouping for lead time and restore time), never the samples themselves.
 */
/**
 * The incidents that start in the window, as a subquery with `start_at` (and `svc`, the service):
 * an incident starts at the earlier of its creation and the first successful deployment (any
 * service, any time) of its root-cause change. A start is never after creation, so incidents
 * created before the window cannot start in it. Shared by the metric and its explanation.
 */
export function incidentsStartingIn(scope: MetricsScope, orgId: string): SQL {
  const from = scope.from.toISOString();
  const to = scope.to.toISOString();
  return sql`(
    select * from (
      select i.id, i.service, i.service as svc, i.created_at, i.resolved_at, i.root_cause_change_id, f.first_at,
        least(i.created_at, f.first_at) as start_at
      from dora_incidents i
      left join lateral (
        select min(l.deployed_at) as first_at from dora_deployment_changes l
        where l.org_id = i.org_id and l.change_id = i.root_cause_change_id and l.environment = ${scope.environment} and l.status = 'success'
      ) f on true
      where i.org_id = ${orgId}::uuid and i.created_at >= ${from}::timestamptz
        ${scope.service === null ? sql`` : sql`and i.service = ${scope.service}`}
    ) s
    where s.start_at >= ${from}::timestamptz and s.start_at < ${to}::timestamptz
  )`;
}

/** The aggregates of one organisation's four-key data (DORA ids are unique per organisation). */
export async function metricRows(
  database: Database,
  scope: MetricsScope,
  orgId: string,
): Promise<MetricRows> {
  const { deployments: deploymentFilter, links: linkFilter } = windowFilters(scope, orgId);

  // Deployments per local day, and of those the failed ones: deployments containing the root-cause
  // change of any incident, open or not. That set is small and is found from the incidents through
  // the links, which carry their deployment's service and time, so no join with every deployment.
  const localDay = (t: SQL) => sql`(${t} at time zone ${scope.timeZone})::date`;
  const days = tuned<DeployDayRow & Record<string, unknown>>(
    database,
    sql`
    select ${groupingColumns(scope)}, to_char(local_day, 'YYYY-MM-DD') as day,
      sum(deployments)::int as deployments, sum(failed)::int as failed
    from (
      select d.service as svc, ${periodOf(scope, sql`d.deployed_at`)} as period,
        ${localDay(sql`d.deployed_at`)} as local_day, 1 as deployments, 0 as failed
      from dora_deployments d
      where ${deploymentFilter}
      union all
      select f.service, ${periodOf(scope, sql`f.deployed_at`)}, ${localDay(sql`f.deployed_at`)}, 0, 1
      from (
        select distinct l.deployment_id, l.service, l.deployed_at
        from dora_incidents i
          join dora_deployment_changes l on l.org_id = i.org_id and l.change_id = i.root_cause_change_id
        where ${linkFilter}
      ) f
    ) x
    group by ${groupingSets(scope, [sql`local_day`])}`,
  );

  // One sample per (deployment in the window, change it names), read from the links alone: each
  // carries its lead time in seconds (null while the change is missing).
  const leadTimes = tuned<LeadTimeRow & Record<string, unknown>>(
    database,
    sql`
    select ${groupingColumns(scope)},
      count(*) filter (where s > 0)::int as samples,
      count(*) filter (where s <= 0)::int as excluded,
      count(*) filter (where s is null)::int as "missingChanges",
      percentile_cont(0.5) within group (order by s) filter (where s > 0) / 60 as "medianMinutes"
    from (
      select l.service as svc, ${periodOf(scope, sql`l.deployed_at`)} as period, l.lead_seconds as s
      from dora_deployment_changes l
      where ${linkFilter}
    ) x
    group by ${groupingSets(scope, [])}
    having count(*) > 0`,
  );

  // An incident belongs to the window its start falls in (see incidentsStartingIn).
  const restores = tuned<RestoreRow & Record<string, unknown>>(
    database,
    sql`
    select ${groupingColumns(scope)},
      count(*) filter (where resolved_at is not null)::int as resolved,
      count(*) filter (where resolved_at is null)::int as open,
      count(*) filter (where root_cause_change_id is null)::int as "withoutRootCause",
      count(*) filter (where root_cause_change_id is not null and first_at is null)::int as "rootCauseNotDeployed",
      percentile_cont(0.5) within group (order by date_part('epoch', resolved_at - start_at) / 3600)
        filter (where resolved_at is not null) as "medianHours"
    from (
      select y.*, ${periodOf(scope, sql`y.start_at`)} as period
      from ${incidentsStartingIn(scope, orgId)} y
    ) x
    group by ${groupingSets(scope, [])}
    having count(*) > 0`,
  );

  try {
    const [d, l, r] = await Promise.all([days, leadTimes, restores]);
    return { days: d, leadTimes: l, restores: r };
  } catch (err) {
    throw unknownZone(err, scope.timeZone) ?? err;
  }
}

/** PostgreSQL's tz database may lack a zone the JavaScript runtime knows: a 400, not a 500. */
export function unknownZone(err: unknown, timeZone: string): DomainError | null {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === "22023" && typeof message === "string" && message.includes("time zone")) {
      return bad("tz", `the database does not know the time zone ${JSON.stringify(timeZone)}`);
    }
  }
  return null;
}

/**
 * The organisation whose four-key data a request reads: the workshop's when one is named (loaded, so
 * another organisation's is a 404), else the caller's own; admin (and platform-wide bots) pass `orgId`
 * (or leave it out while there is one organisation).
 */
export async function metricsOrg(
  ctx: ServiceContext,
  q: { orgId?: string | undefined; workshopId?: string | undefined },
): Promise<string> {
  if (q.workshopId) {
    const workshop = await loadWorkshop(ctx, q.workshopId);
    if (q.orgId && q.orgId !== workshop.orgId)
      throw bad("orgId", "not the organisation of the workshop named by workshopId");
    return workshop.orgId;
  }
  return resolveOrgId(ctx, q.orgId);
}

export async function getMetrics(ctx: ServiceContext, q: MetricsQuery): Promise<Metrics> {
  const scope = resolveScope(q, ctx.now);
  // The organisation and the survey first: an unknown workshop is a 404 before any heavy query runs.
  const orgId = await metricsOrg(ctx, q);
  const survey = q.workshopId ? await getSurveyBaseline(ctx, { workshopId: q.workshopId }) : undefined;
  const rows = await metricRows(ctx.database, scope, orgId);
  const report = buildReport(rows, scope, q.benchmark as BenchmarkEdition);
  return survey ? { ...report, survey } : report;
}
