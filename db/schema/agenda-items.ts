import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const ITEM_STATES = ["pending", "running", "paused", "done", "skipped"] as const;
export type ItemState = (typeof ITEM_STATES)[number];

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
    /** pending → running ⇄ paused → done | skipped (DESIGN section 5). */
    state: text("state", { enum: ITEM_STATES }).notNull().default("pending"),
    actualStart: timestamp("actual_start", { withTimezone: true }),
    actualEnd: timestamp("actual_end", { withTimezone: true }),
    /** While running: actualStart + planned length + extensions + time paused. */
    endsAt: timestamp("ends_at", { withTimezone: true }),
    pausedAt: timestamp("paused_at", { withTimezone: true }),
    pausedSeconds: integer("paused_seconds").notNull().default(0),
    extendedMinutes: integer("extended_minutes").notNull().default(0),
    /** Bumped by every transition of this item; timer events carry the version they were written for. */
    version: integer("version").notNull().default(0),
  },
  (t) => [
    uniqueIndex("agenda_items_workshop_position_uq").on(t.workshopId, t.position),
    index("agenda_items_planned_start_idx").on(t.plannedStart),
  ],
);

export type AgendaItemRow = typeof agendaItems.$inferSelect;
