import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Four-key input: a change (a commit) and when it was made. Upserted by `id`. */
export const doraChanges = pgTable(
  "dora_changes",
  {
    id: text("id").primaryKey(),
    service: text("service").notNull(),
    committedAt: timestamp("committed_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dora_changes_service_idx").on(t.service)],
);

export type DoraChangeRow = typeof doraChanges.$inferSelect;
