import { sql } from "drizzle-orm";
import type { Change, Dataset, Deployment, Incident, MetricsScope } from "../../api/domain/dora/types.js";
import { upsertChanges, upsertDeployments, upsertIncidents } from "../../api/services/dora-ingest.js";
import type { Database } from "../../db/types.js";

/** Small builders for four-key fixtures; instants are written as ISO strings. */
export const change = (id: string, committedAt: string, service = "default"): Change => ({
  id,
  service,
  committedAt: new Date(committedAt),
});

export const deployment = (
  id: string,
  deployedAt: string,
  changeIds: string[] = [],
  more: Partial<Omit<Deployment, "id" | "deployedAt" | "changeIds">> = {},
): Deployment => ({
  id,
  service: "default",
  environment: "production",
  status: "success",
  deployedAt: new Date(deployedAt),
  changeIds,
  ...more,
});

export const incident = (
  id: string,
  createdAt: string,
  resolvedAt: string | null,
  rootCauseChangeId: string | null = null,
  service = "default",
): Incident => ({
  id,
  service,
  createdAt: new Date(createdAt),
  resolvedAt: resolvedAt === null ? null : new Date(resolvedAt),
  rootCauseChangeId,
});

export const dataset = (d: Partial<Dataset>): Dataset => ({
  changes: d.changes ?? [],
  deployments: d.deployments ?? [],
  incidents: d.incidents ?? [],
});

export function scope(s: Partial<MetricsScope> & Pick<MetricsScope, "from" | "to">): MetricsScope {
  return {
    timeZone: "UTC",
    weekStart: "monday",
    environment: "production",
    service: null,
    groupBy: null,
    interval: null,
    ...s,
  };
}

/** The API's JSON form of a dataset, as `POST /v1/dora/*` takes it. */
export function toInputs(data: Dataset) {
  return {
    changes: data.changes.map((c) => ({ ...c, committedAt: c.committedAt.toISOString() })),
    deployments: data.deployments.map((d) => ({ ...d, deployedAt: d.deployedAt.toISOString() })),
    incidents: data.incidents.map((i) => ({
      ...i,
      createdAt: i.createdAt.toISOString(),
      resolvedAt: i.resolvedAt?.toISOString() ?? null,
    })),
  };
}

export type Kind = "changes" | "deployments" | "incidents";
export const KINDS: readonly Kind[] = ["changes", "deployments", "incidents"];

/** The `default` organisation's id (four-key data is per organisation). */
export async function defaultOrgId(database: Database): Promise<string> {
  const [row] = await database.rows<{ id: string }>(sql`select id from orgs where name = 'default'`);
  if (!row) throw new Error("no default organisation");
  return row.id;
}

/** Upserts a dataset through the same statements the API uses, kinds in the given order, into `orgId` (default: the default organisation). */
export async function upsertDataset(
  database: Database,
  data: Dataset,
  order: readonly Kind[] = KINDS,
  orgId?: string,
) {
  const now = new Date("2026-01-01T00:00:00Z");
  const org = orgId ?? (await defaultOrgId(database));
  const inputs = toInputs(data);
  for (const kind of order) {
    if (inputs[kind].length === 0) continue;
    await database.db.transaction(async (tx) => {
      if (kind === "changes") await upsertChanges(tx, org, inputs.changes, now);
      if (kind === "deployments") await upsertDeployments(tx, org, inputs.deployments, now);
      if (kind === "incidents") await upsertIncidents(tx, org, inputs.incidents, now);
    });
  }
}

/** Empties the four-key tables. */
export async function clearDora(database: Database): Promise<void> {
  await database.db.execute(
    sql`truncate dora_deployment_changes, dora_deployments, dora_changes, dora_incidents`,
  );
}

/** What the tables hold after upserting `first`, then `second`: by id, the later item wins whole. */
export function merged(first: Dataset, second: Dataset): Dataset {
  const byId = <T extends { id: string }>(a: T[], b: T[]) => [
    ...new Map([...a, ...b].map((x) => [x.id, x])).values(),
  ];
  return {
    changes: byId(first.changes, second.changes),
    deployments: byId(first.deployments, second.deployments),
    incidents: byId(first.incidents, second.incidents),
  };
}
