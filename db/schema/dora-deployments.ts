import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { orgs } from "./orgs.js";

/** Four-key input: a deployment. Upserted by (`org_id`, `id`); its changes are in `dora_deployment_changes`. */
export const doraDeployments = pgTable(
  "dora_deployments",
  {
    /** The organisation the record belongs to: ids are unique per organisation. */
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    service: text("service").notNull(),
    environment: text("environment").notNull(),
    status: text("status", { enum: ["success", "failure"] }).notNull(),
    deployedAt: timestamp("deployed_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // The metrics scan successful deployments of an environment by time, optionally of one service.
    index("dora_deployments_env_status_at_idx").on(t.orgId, t.environment, t.status, t.deployedAt),
    index("dora_deployments_service_at_idx").on(t.orgId, t.service, t.deployedAt),
  ],
);

export type DoraDeploymentRow = typeof doraDeployments.$inferSelect;
