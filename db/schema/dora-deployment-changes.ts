import { sql } from "drizzle-orm";
import {
  doublePrecision,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { doraDeployments } from "./dora-deployments.js";
import { orgs } from "./orgs.js";

/**
 * Which changes a deployment shipped: one row per lead-time sample. The deployment's fields and the
 * change's commit time are copied here (kept in step by the upserts in api/services/dora-ingest.ts)
 * so that lead time and first deployments are read from this table alone, without joining millions
 * of rows at query time. `change_id` has no foreign key on purpose: a deployment may name changes not
 * ingested yet; `committed_at` stays null, and there is no lead-time sample, until they arrive.
 */
export const doraDeploymentChanges = pgTable(
  "dora_deployment_changes",
  {
    /** The organisation the record belongs to: ids are unique per organisation. */
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    deploymentId: text("deployment_id").notNull(),
    changeId: text("change_id").notNull(),
    service: text("service").notNull(),
    environment: text("environment").notNull(),
    status: text("status", { enum: ["success", "failure"] }).notNull(),
    deployedAt: timestamp("deployed_at", { withTimezone: true }).notNull(),
    committedAt: timestamp("committed_at", { withTimezone: true }),
    /** The lead-time sample in seconds (float8, exact to the microsecond); null while the change is missing. */
    leadSeconds: doublePrecision("lead_seconds").generatedAlwaysAs(
      sql`date_part('epoch', deployed_at - committed_at)`,
    ),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.deploymentId, t.changeId] }),
    foreignKey({
      columns: [t.orgId, t.deploymentId],
      foreignColumns: [doraDeployments.orgId, doraDeployments.id],
    }).onDelete("cascade"),
    // Lead time scans the samples of an environment by deployment time.
    index("dora_deployment_changes_env_status_at_idx").on(t.orgId, t.environment, t.status, t.deployedAt),
    // Root-cause attribution, first deployments and commit-time updates look links up by change.
    index("dora_deployment_changes_change_idx").on(t.orgId, t.changeId),
  ],
);
