import { pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agendaItems } from "./agenda-items.js";
import { workshops } from "./workshops.js";

/** A person's feedback on a session: a 1–5 rating and/or a comment, one row per (session, person). */
export const sessionFeedback = pgTable(
  "session_feedback",
  {
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    agendaItemId: uuid("agenda_item_id")
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    /** "slack:U123" or "token:<id>"; never returned by a route. */
    person: text("person").notNull(),
    rating: smallint("rating"),
    comment: text("comment"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agendaItemId, t.person] })],
);

export type SessionFeedbackRow = typeof sessionFeedback.$inferSelect;
