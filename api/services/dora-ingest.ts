import { type SQL, sql } from "drizzle-orm";
import { queryRows } from "../../db/rows.js";
import type { Db } from "../../db/types.js";
import type { ChangeInput, DeploymentInput, IncidentInput, IngestResult } from "../schemas/dora.js";
import { audit } from "./audit.js";
import { resolveOrgId, type ServiceContext } from "./context.js";

export interface IngestInput<K extends IngestKind> {
  kind: K;
  /** Admin (and platform-wide bots) only: the organisation the data belongs to; others write to their own. */
  orgId?: string | undefined;
  items: readonly ItemOf[K][];
  /** Recorded in the audit entry so a batch can be traced to its request. */
  requestId: string;
}

type Runner = Pick<Db, "execute">;
type Counts = { created: number; updated: number };

/*
 * Each batch is one statement: the items travel as a single JSON parameter expanded by
 * `jsonb_to_recordset` (no limit on bind parameters, one round trip), are upserted by id, and the
 * statement answers counts only. An existing row is rewritten only when a field differs, so a retried
 * batch reports `unchanged` and touches nothing; `xmax = 0` tells a fresh insert from an update.
 */

/**
 * Links copy their change's commit time, so a batch of changes and a batch of deployments naming
 * them must not run concurrently: each would miss the other's uncommitted rows and a link would keep
 * a null (or stale) commit time. Change batches take this transaction lock exclusively, deployment
 * batches shared: deployments still load in parallel, and each statement's snapshot, taken after the
 * lock, sees the other kind's committed rows. Callers run the upserts inside a transaction.
 */
const LINK_LOCK = 0x0d0a_11c5;

export async function upsertChanges(
  runner: Runner,
  orgId: string,
  items: readonly ChangeInput[],
  now: Date,
): Promise<Counts> {
  await runner.execute(sql`select pg_advisory_xact_lock(${LINK_LOCK})`);
  return counts(
    runner,
    sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
        as x(id text, service text, "committedAt" timestamptz)
    ), up as (
      insert into dora_changes as t (org_id, id, service, committed_at, updated_at)
      select ${orgId}::uuid, id, service, "committedAt", ${now.toISOString()}::timestamptz from input
      on conflict (org_id, id) do update
        set service = excluded.service, committed_at = excluded.committed_at, updated_at = excluded.updated_at
        where (t.service, t.committed_at) is distinct from (excluded.service, excluded.committed_at)
      returning id, (xmax = 0) as inserted
    ), synced as (
      -- Deployments that named these changes before they arrived (or with another commit time).
      update dora_deployment_changes l set committed_at = x."committedAt"
      from input x
      where l.org_id = ${orgId}::uuid and l.change_id = x.id and l.committed_at is distinct from x."committedAt"
    )
    select count(*) filter (where inserted)::int as created, count(*) filter (where not inserted)::int as updated
    from up`,
  );
}

/**
 * Deployments and their change links. A deployment sent again with another list of changes gets
 * exactly that list (links it no longer names are removed) and counts as updated; one sent again
 * with other fields updates the copies of those fields on its links.
 */
export async function upsertDeployments(
  runner: Runner,
  orgId: string,
  items: readonly DeploymentInput[],
  now: Date,
): Promise<Counts> {
  await runner.execute(sql`select pg_advisory_xact_lock_shared(${LINK_LOCK})`);
  return counts(
    runner,
    sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
        as x(id text, service text, environment text, status text, "deployedAt" timestamptz, "changeIds" jsonb)
    ), up as (
      insert into dora_deployments as t (org_id, id, service, environment, status, deployed_at, updated_at)
      select ${orgId}::uuid, id, service, environment, status, "deployedAt", ${now.toISOString()}::timestamptz from input
      on conflict (org_id, id) do update
        set service = excluded.service, environment = excluded.environment, status = excluded.status,
            deployed_at = excluded.deployed_at, updated_at = excluded.updated_at
        where (t.service, t.environment, t.status, t.deployed_at)
          is distinct from (excluded.service, excluded.environment, excluded.status, excluded.deployed_at)
      returning id, (xmax = 0) as inserted
    ), links as (
      select x.id as deployment_id, c.change_id, x.service, x.environment, x.status, x."deployedAt" as deployed_at
      from input x cross join lateral jsonb_array_elements_text(x."changeIds") as c(change_id)
    ), stale as (
      delete from dora_deployment_changes l using input x
      where l.org_id = ${orgId}::uuid and l.deployment_id = x.id
        and not exists (select 1 from links n where n.deployment_id = l.deployment_id and n.change_id = l.change_id)
      returning l.deployment_id
    ), added as (
      -- Each link carries its deployment's fields and its change's commit time (null until it arrives).
      insert into dora_deployment_changes as l
        (org_id, deployment_id, change_id, service, environment, status, deployed_at, committed_at)
      select ${orgId}::uuid, n.deployment_id, n.change_id, n.service, n.environment, n.status, n.deployed_at, c.committed_at
      from links n left join dora_changes c on c.org_id = ${orgId}::uuid and c.id = n.change_id
      on conflict (org_id, deployment_id, change_id) do update
        set service = excluded.service, environment = excluded.environment, status = excluded.status,
            deployed_at = excluded.deployed_at, committed_at = excluded.committed_at
        where (l.service, l.environment, l.status, l.deployed_at, l.committed_at)
          is distinct from (excluded.service, excluded.environment, excluded.status, excluded.deployed_at, excluded.committed_at)
      returning l.deployment_id
    ), touched as (
      select id from up where not inserted
      union select deployment_id from stale
      union select deployment_id from added
    )
    select (select count(*) from up where inserted)::int as created,
      (select count(*) from touched where id not in (select id from up where inserted))::int as updated`,
  );
}

export function upsertIncidents(
  runner: Runner,
  orgId: string,
  items: readonly IncidentInput[],
  now: Date,
): Promise<Counts> {
  return counts(
    runner,
    sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
        as x(id text, service text, "createdAt" timestamptz, "resolvedAt" timestamptz, "rootCauseChangeId" text)
    ), up as (
      insert into dora_incidents as t (org_id, id, service, created_at, resolved_at, root_cause_change_id, updated_at)
      select ${orgId}::uuid, id, service, "createdAt", "resolvedAt", "rootCauseChangeId", ${now.toISOString()}::timestamptz
      from input
      on conflict (org_id, id) do update
        set service = excluded.service, created_at = excluded.created_at, resolved_at = excluded.resolved_at,
            root_cause_change_id = excluded.root_cause_change_id, updated_at = excluded.updated_at
        where (t.service, t.created_at, t.resolved_at, t.root_cause_change_id)
          is distinct from (excluded.service, excluded.created_at, excluded.resolved_at, excluded.root_cause_change_id)
      returning id, (xmax = 0) as inserted
    )
    select count(*) filter (where inserted)::int as created, count(*) filter (where not inserted)::int as updated
    from up`,
  );
}

async function counts(runner: Runner, query: SQL): Promise<Counts> {
  const [row] = await queryRows<Counts>(runner, query);
  return { created: row?.created ?? 0, updated: row?.updated ?? 0 };
}

const TABLES = {
  changes: ["dora_changes"],
  deployments: ["dora_deployments", "dora_deployment_changes"],
  incidents: ["dora_incidents"],
} as const;

/**
 * Keeps the planner's statistics in step with bulk loads: a table that grew by a fifth since it was
 * last analysed (pages on disk against `pg_class.relpages`) is analysed now. PostgreSQL's autovacuum
 * would get there within a minute or so; embedded PGlite has no autovacuum at all, and without
 * statistics the metric queries pick nested loops that take minutes instead of a second.
 */
export async function refreshStatistics(db: Db, tables: readonly string[]): Promise<string[]> {
  const stale = await queryRows<{ relname: string }>(
    db,
    sql`select c.relname from pg_class c
      where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace
        and c.relname in (${sql.join(
          tables.map((t) => sql`${t}`),
          sql`, `,
        )})
        and pg_relation_size(c.oid) / current_setting('block_size')::int > 1.2 * greatest(c.relpages, 0) + 8`,
  );
  for (const { relname } of stale) await db.execute(sql`analyze (skip_locked) ${sql.identifier(relname)}`);
  return stale.map((r) => r.relname);
}

const UPSERT = {
  changes: upsertChanges,
  deployments: upsertDeployments,
  incidents: upsertIncidents,
} as const;

export type IngestKind = keyof typeof UPSERT;
export type ItemOf = { changes: ChangeInput; deployments: DeploymentInput; incidents: IncidentInput };

/**
 * Upserts one validated batch atomically into the caller's organisation (ids are unique per
 * organisation) and audits it in the same transaction.
 */
export async function ingest<K extends IngestKind>(
  ctx: ServiceContext,
  { kind, items, requestId, orgId: requested }: IngestInput<K>,
): Promise<IngestResult> {
  const db = ctx.database.db;
  const orgId = await resolveOrgId(ctx, requested);
  const upsert = UPSERT[kind] as (
    runner: Runner,
    orgId: string,
    items: readonly ItemOf[K][],
    now: Date,
  ) => Promise<Counts>;
  const result = await db.transaction(async (tx) => {
    const { created, updated } = await upsert(tx, orgId, items, ctx.now);
    const result = {
      kind,
      received: items.length,
      created,
      updated,
      unchanged: items.length - created - updated,
    };
    await audit(tx, ctx, {
      workshopId: null,
      action: `dora.${kind}.ingest`,
      entityType: "dora_batch",
      entityId: requestId,
      details: { ...result, orgId, firstId: items[0]?.id ?? null },
    });
    return result;
  });
  await refreshStatistics(db, TABLES[kind]);
  return result;
}
