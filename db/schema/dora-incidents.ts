import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { orgs } from "./orgs.js";

/** Four-key input: an incident, open while `resolved_at` is null. Upserted by (`org_id`, `id`). */
export const doraIncidents = pgTable(
  "dora_incidents",
  {
    /** The organisation the record belongs to: ids are unique per organisation. */
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    service: text("service").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** The change that caused it, when known (no foreign key: it may arrive later). */
    rootCauseChangeId: text("root_cause_change_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index("dora_incidents_created_at_idx").on(t.orgId, t.createdAt),
    index("dora_incidents_root_cause_idx").on(t.orgId, t.rootCauseChangeId),
  ],
);

export type DoraIncidentRow = typeof doraIncidents.$inferSelect;
