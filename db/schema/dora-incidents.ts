import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Four-key input: an incident, open while `resolved_at` is null. Upserted by `id`. */
export const doraIncidents = pgTable(
  "dora_incidents",
  {
    id: text("id").primaryKey(),
    service: text("service").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** The change that caused it, when known (no foreign key: it may arrive later). */
    rootCauseChangeId: text("root_cause_change_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("dora_incidents_created_at_idx").on(t.createdAt),
    index("dora_incidents_root_cause_idx").on(t.rootCauseChangeId),
  ],
);

export type DoraIncidentRow = typeof doraIncidents.$inferSelect;
