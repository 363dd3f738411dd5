import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Four-key input: a deployment. Upserted by `id`; its changes are in `dora_deployment_changes`. */
export const doraDeployments = pgTable(
  "dora_deployments",
  {
    id: text("id").primaryKey(),
    service: text("service").notNull(),
    environment: text("environment").notNull(),
    status: text("status", { enum: ["success", "failure"] }).notNull(),
    deployedAt: timestamp("deployed_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The metrics scan successful deployments of an environment by time, optionally of one service.
    index("dora_deployments_env_status_at_idx").on(t.environment, t.status, t.deployedAt),
    index("dora_deployments_service_at_idx").on(t.service, t.deployedAt),
  ],
);

export type DoraDeploymentRow = typeof doraDeployments.$inferSelect;
