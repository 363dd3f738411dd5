import { pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workshops } from "./workshops.js";

/** Chat users who may drive a workshop's agenda. */
export const workshopFacilitators = pgTable(
  "workshop_facilitators",
  {
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    /** "slack", "teams", "console", or "api" for a token. */
    platform: text("platform").notNull(),
    userId: text("user_id").notNull(),
    displayName: text("display_name").notNull().default(""),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.platform, t.userId] })],
);
