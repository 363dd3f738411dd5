import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { orgs } from "./orgs.js";

/** Four-key input: a change (a commit) and when it was made. Upserted by (`org_id`, `id`). */
export const doraChanges = pgTable(
  "dora_changes",
  {
    /** The organisation the record belongs to: ids are unique per organisation. */
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    service: text("service").notNull(),
    committedAt: timestamp("committed_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index("dora_changes_service_idx").on(t.orgId, t.service)],
);

export type DoraChangeRow = typeof doraChanges.$inferSelect;
