import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/types.js";
import { queryRows } from "../lib/sql-rows.js";
import type { ChangeInput, DeploymentInput, IncidentInput, IngestResult } from "../schemas/dora.js";
import { audit } from "./audit.js";

export interface IngestContext {
  actor: string;
  now: Date;
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

export function upsertChanges(runner: Runner, items: readonly ChangeInput[], now: Date): Promise<Counts> {
  return counts(
    runner,
    sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
        as x(id text, service text, "committedAt" timestamptz)
    ), up as (
      insert into dora_changes as t (id, service, committed_at, updated_at)
      select id, service, "committedAt", ${now.toISOString()}::timestamptz from input
      on conflict (id) do update
        set service = excluded.service, committed_at = excluded.committed_at, updated_at = excluded.updated_at
        where (t.service, t.committed_at) is distinct from (excluded.service, excluded.committed_at)
      returning id, (xmax = 0) as inserted
    )
    select count(*) filter (where inserted)::int as created, count(*) filter (where not inserted)::int as updated
    from up`,
  );
}

/**
 * Deployments and their change links. A deployment sent again with another list of changes gets
 * exactly that list (links it no longer names are removed) and counts as updated.
 */
export function upsertDeployments(
  runner: Runner,
  items: readonly DeploymentInput[],
  now: Date,
): Promise<Counts> {
  return counts(
    runner,
    sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
        as x(id text, service text, environment text, status text, "deployedAt" timestamptz, "changeIds" jsonb)
    ), up as (
      insert into dora_deployments as t (id, service, environment, status, deployed_at, updated_at)
      select id, service, environment, status, "deployedAt", ${now.toISOString()}::timestamptz from input
      on conflict (id) do update
        set service = excluded.service, environment = excluded.environment, status = excluded.status,
            deployed_at = excluded.deployed_at, updated_at = excluded.updated_at
        where (t.service, t.environment, t.status, t.deployed_at)
          is distinct from (excluded.service, excluded.environment, excluded.status, excluded.deployed_at)
      returning id, (xmax = 0) as inserted
    ), links as (
      select x.id as deployment_id, c.change_id
      from input x cross join lateral jsonb_array_elements_text(x."changeIds") as c(change_id)
    ), stale as (
      delete from dora_deployment_changes l using input x
      where l.deployment_id = x.id
        and not exists (select 1 from links n where n.deployment_id = l.deployment_id and n.change_id = l.change_id)
      returning l.deployment_id
    ), added as (
      insert into dora_deployment_changes (deployment_id, change_id)
      select deployment_id, change_id from links
      on conflict do nothing
      returning deployment_id
    ), touched as (
      select id from up where not inserted
      union select deployment_id from stale
      union select deployment_id from added
    )
    select (select count(*) from up where inserted)::int as created,
      (select count(*) from touched where id not in (select id from up where inserted))::int as updated`,
  );
}

export function upsertIncidents(runner: Runner, items: readonly IncidentInput[], now: Date): Promise<Counts> {
  return counts(
    runner,
    sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
        as x(id text, service text, "createdAt" timestamptz, "resolvedAt" timestamptz, "rootCauseChangeId" text)
    ), up as (
      insert into dora_incidents as t (id, service, created_at, resolved_at, root_cause_change_id, updated_at)
      select id, service, "createdAt", "resolvedAt", "rootCauseChangeId", ${now.toISOString()}::timestamptz
      from input
      on conflict (id) do update
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

const UPSERT = {
  changes: upsertChanges,
  deployments: upsertDeployments,
  incidents: upsertIncidents,
} as const;

export type IngestKind = keyof typeof UPSERT;
type ItemOf = { changes: ChangeInput; deployments: DeploymentInput; incidents: IncidentInput };

/** Upserts one validated batch atomically and audits it in the same transaction. */
export async function ingest<K extends IngestKind>(
  db: Db,
  kind: K,
  items: readonly ItemOf[K][],
  ctx: IngestContext,
): Promise<IngestResult> {
  const upsert = UPSERT[kind] as (runner: Runner, items: readonly ItemOf[K][], now: Date) => Promise<Counts>;
  return db.transaction(async (tx) => {
    const { created, updated } = await upsert(tx, items, ctx.now);
    const result = {
      kind,
      received: items.length,
      created,
      updated,
      unchanged: items.length - created - updated,
    };
    await audit(
      tx,
      {
        actor: ctx.actor,
        action: `dora.${kind}.ingest`,
        entityType: "dora_batch",
        entityId: ctx.requestId,
        details: { ...result, firstId: items[0]?.id ?? null },
      },
      ctx.now,
    );
    return result;
  });
}
