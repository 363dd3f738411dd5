import { type SQL, sql } from "drizzle-orm";
import { weekOf } from "../domain/dora/calendar.js";
import { DomainError } from "../errors.js";
import type { Explain, ExplainQuery } from "../schemas/dora.js";
import type { ServiceContext } from "./context.js";
import { incidentsStartingIn, metricsOrg, resolveScope, unknownZone, windowFilters } from "./dora-metrics.js";

type Cursor = [string, string, string];

function encodeCursor(parts: Cursor): string {
  return btoa(JSON.stringify(parts)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parts = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/"))) as unknown;
    if (
      Array.isArray(parts) &&
      parts.length === 3 &&
      parts.every((p) => typeof p === "string") &&
      !Number.isNaN(new Date(parts[0] as string).getTime())
    ) {
      return parts as Cursor;
    }
  } catch {
    // fall through to the refusal
  }
  throw new DomainError("VALIDATION", "Invalid request: cursor: not a cursor this API returned", [
    { path: "cursor", message: "not a cursor this API returned" },
  ]);
}

const iso = (v: unknown) => new Date(v as string | Date).toISOString();
const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(v));
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * The samples behind one figure of `GET /v1/dora/metrics`, in the order they happened, a page at a
 * time (keyset pagination, so pages stay stable while data arrives). Same scope, same definitions.
 */
export async function explainMetric(ctx: ServiceContext, q: ExplainQuery): Promise<Explain> {
  const { database } = ctx;
  const scope = resolveScope(q, ctx.now);
  const from = scope.from.toISOString();
  const to = scope.to.toISOString();
  const env = scope.environment;
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const limit = q.limit;
  const orgId = await metricsOrg(ctx, q);
  const { deployments: deploymentFilter, links: linkFilter } = windowFilters(scope, orgId);
  const page = async <T extends Record<string, unknown>>(query: SQL, key: (row: T) => Cursor) => {
    const rows = await database.rows<T>(query).catch((err: unknown) => {
      throw unknownZone(err, scope.timeZone) ?? err;
    });
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { rows: rows.slice(0, limit), nextCursor: last ? encodeCursor(key(last)) : null };
  };
  const base = {
    metric: q.metric,
    window: { from, to, timeZone: scope.timeZone, environment: env, service: scope.service },
  };

  switch (q.metric) {
    case "deploymentFrequency":
    case "changeFailureRate": {
      const { rows, nextCursor } = await page<{
        id: string;
        service: string;
        deployed_at: unknown;
        day: string;
        incident_ids: string[] | null;
      }>(
        sql`
        select d.id, d.service, d.deployed_at, to_char(d.deployed_at at time zone ${scope.timeZone}, 'YYYY-MM-DD') as day,
          f.ids as incident_ids
        from dora_deployments d
        left join lateral (
          select jsonb_agg(distinct i.id order by i.id) as ids
          from dora_deployment_changes l
            join dora_incidents i on i.org_id = l.org_id and i.root_cause_change_id = l.change_id
          where l.org_id = d.org_id and l.deployment_id = d.id
        ) f on true
        where ${deploymentFilter}
          ${after ? sql`and (d.deployed_at, d.id) > (${after[0]}::timestamptz, ${after[1]})` : sql``}
        order by d.deployed_at, d.id
        limit ${limit + 1}`,
        (r) => [iso(r.deployed_at), r.id, ""],
      );
      const samples = rows.map((r) => ({
        deploymentId: r.id,
        service: r.service,
        deployedAt: iso(r.deployed_at),
        day: r.day,
        week: weekOf(r.day, scope.weekStart),
        failed: (r.incident_ids ?? []).length > 0,
        incidentIds: r.incident_ids ?? [],
      }));
      return { ...base, samples, nextCursor };
    }
    case "leadTimeForChanges": {
      const { rows, nextCursor } = await page<{
        deployment_id: string;
        change_id: string;
        service: string;
        deployed_at: unknown;
        committed_at: unknown;
        minutes: number | null;
      }>(
        sql`
        select l.deployment_id, l.change_id, l.service, l.deployed_at, l.committed_at,
          l.lead_seconds / 60 as minutes
        from dora_deployment_changes l
        where ${linkFilter}
          ${after ? sql`and (l.deployed_at, l.deployment_id, l.change_id) > (${after[0]}::timestamptz, ${after[1]}, ${after[2]})` : sql``}
        order by l.deployed_at, l.deployment_id, l.change_id
        limit ${limit + 1}`,
        (r) => [iso(r.deployed_at), r.deployment_id, r.change_id],
      );
      const samples = rows.map((r) => ({
        deploymentId: r.deployment_id,
        changeId: r.change_id,
        service: r.service,
        deployedAt: iso(r.deployed_at),
        committedAt: isoOrNull(r.committed_at),
        leadMinutes: r.minutes === null ? null : round(r.minutes, 2),
        counted: r.minutes !== null && r.minutes > 0,
        reason:
          r.minutes === null
            ? ("change never ingested" as const)
            : r.minutes <= 0
              ? ("lead time ≤ 0" as const)
              : null,
      }));
      return { ...base, samples, nextCursor };
    }
    case "timeToRestore": {
      const { rows, nextCursor } = await page<{
        id: string;
        service: string;
        created_at: unknown;
        resolved_at: unknown;
        root_cause_change_id: string | null;
        first_at: unknown;
        start_at: unknown;
      }>(
        sql`
        select * from ${incidentsStartingIn(scope, orgId)} y
        where true
          ${after ? sql`and (y.start_at, y.id) > (${after[0]}::timestamptz, ${after[1]})` : sql``}
        order by y.start_at, y.id
        limit ${limit + 1}`,
        (r) => [iso(r.start_at), r.id, ""],
      );
      const samples = rows.map((r) => {
        const startedAt = iso(r.start_at);
        const resolvedAt = isoOrNull(r.resolved_at);
        const firstDeployedAt = isoOrNull(r.first_at);
        return {
          incidentId: r.id,
          service: r.service,
          createdAt: iso(r.created_at),
          resolvedAt,
          rootCauseChangeId: r.root_cause_change_id,
          firstDeployedAt,
          startedAt,
          startedBy:
            firstDeployedAt !== null && firstDeployedAt < iso(r.created_at)
              ? ("deployment" as const)
              : ("creation" as const),
          restoreHours:
            resolvedAt === null
              ? null
              : round((Date.parse(resolvedAt) - Date.parse(startedAt)) / 3_600_000, 3),
          counted: resolvedAt !== null,
          reason: resolvedAt === null ? ("open" as const) : null,
        };
      });
      return { ...base, samples, nextCursor };
    }
  }
}
