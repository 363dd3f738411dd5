import { jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agendaItems } from "./agenda-items.js";
import { workshops } from "./workshops.js";

export interface DecisionMitigation {
  /** The scorecard factor (gap) it mitigates. */
  factor: string;
  text: string;
  /** The plan work package that carries it out, by key. */
  workPackage?: string;
}

/**
 * What the room decided for one scorecard view (`default` for a poll without views): the chosen
 * option, why, on what conditions, and how each gap is mitigated. One per (workshop, view); a second
 * PUT replaces it.
 */
export const decisions = pgTable(
  "decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    view: text("view").notNull(),
    /** The session running when it was recorded, if any. */
    agendaItemId: uuid("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    option: text("option").notNull(),
    rationale: text("rationale").notNull(),
    conditions: jsonb("conditions").$type<string[]>().notNull().default([]),
    mitigations: jsonb("mitigations").$type<DecisionMitigation[]>().notNull().default([]),
    /** The scorecard's recommendation(s) when it was recorded, option keys; empty without votes. */
    recommended: jsonb("recommended").$type<string[]>().notNull().default([]),
    /** The scorecard's gaps of the chosen option when it was recorded, factor keys. */
    gaps: jsonb("gaps").$type<string[]>().notNull().default([]),
    decidedBy: text("decided_by").notNull(),
    decidedByName: text("decided_by_name").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("decisions_workshop_view_uq").on(t.workshopId, t.view)],
);

export type DecisionRow = typeof decisions.$inferSelect;
