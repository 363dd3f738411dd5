import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agendaItems } from "./agenda-items.js";
import { workshops } from "./workshops.js";

export const SWOT_QUADRANTS = ["strength", "weakness", "opportunity", "threat"] as const;
export type SwotQuadrant = (typeof SWOT_QUADRANTS)[number];

/** One point of a SWOT analysis of one scorecard option (by the option's key). */
export const swotEntries = pgTable(
  "swot_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    /** The session running when it was captured, if any. */
    agendaItemId: uuid("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    option: text("option").notNull(),
    quadrant: text("quadrant", { enum: SWOT_QUADRANTS }).notNull(),
    text: text("text").notNull(),
    /** "slack:U123" or "token:<id>". */
    author: text("author").notNull(),
    authorName: text("author_name").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("swot_entries_workshop_idx").on(t.workshopId, t.option, t.quadrant, t.createdAt)],
);

export type SwotEntryRow = typeof swotEntries.$inferSelect;
