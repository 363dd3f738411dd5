import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agendaItems } from "./agenda-items.js";
import { workshops } from "./workshops.js";

export const OUTPUT_STATUSES = ["open", "draft", "done"] as const;
export type OutputStatus = (typeof OUTPUT_STATUSES)[number];

/**
 * What a session must produce (its agenda item's `outputs`), one row each, tracked open → draft → done.
 * Written with the workshop's agenda; the agenda item's `outputs` stay the source of the titles.
 */
export const workshopOutputs = pgTable(
  "workshop_outputs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    agendaItemId: uuid("agenda_item_id")
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    /** 0-based order of the output within its session. */
    position: integer("position").notNull(),
    title: text("title").notNull(),
    status: text("status", { enum: OUTPUT_STATUSES }).notNull().default("open"),
    /** Who last changed the status ("slack:U123", "token:<id>"); null while never changed. */
    updatedBy: text("updated_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("workshop_outputs_item_position_uq").on(t.agendaItemId, t.position),
    index("workshop_outputs_workshop_idx").on(t.workshopId),
  ],
);

export type WorkshopOutputRow = typeof workshopOutputs.$inferSelect;
