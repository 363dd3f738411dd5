import { index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { doraDeployments } from "./dora-deployments.js";

/**
 * Which changes a deployment shipped. `change_id` has no foreign key on purpose: a deployment may
 * name changes not ingested yet; they yield no lead-time sample until they arrive.
 */
export const doraDeploymentChanges = pgTable(
  "dora_deployment_changes",
  {
    deploymentId: text("deployment_id")
      .notNull()
      .references(() => doraDeployments.id, { onDelete: "cascade" }),
    changeId: text("change_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.deploymentId, t.changeId] }),
    // Root-cause attribution and first deployments look links up by change.
    index("dora_deployment_changes_change_idx").on(t.changeId),
  ],
);
