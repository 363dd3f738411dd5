import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workshops } from "./workshops.js";

export const agendaItems = pgTable(
  "agenda_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    /** 0-based order of the item within the workshop's agenda. */
    position: integer("position").notNull(),
    day: integer("day").notNull(),
    kind: text("kind", { enum: ["session", "break"] }).notNull(),
    title: text("title").notNull(),
    topics: jsonb("topics").$type<string[]>().notNull().default([]),
    outputs: jsonb("outputs").$type<string[]>().notNull().default([]),
    /** Local wall-clock times as written in the agenda ("09:30"), kept for display. */
    localStart: text("local_start").notNull(),
    localEnd: text("local_end").notNull(),
    /** The same times as instants, resolved in the workshop's time zone on the item's date. */
    plannedStart: timestamp("planned_start", { withTimezone: true }).notNull(),
    plannedEnd: timestamp("planned_end", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("agenda_items_workshop_position_uq").on(t.workshopId, t.position),
    index("agenda_items_planned_start_idx").on(t.plannedStart),
  ],
);

export type AgendaItemRow = typeof agendaItems.$inferSelect;
