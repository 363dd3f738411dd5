import { jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workshops } from "./workshops.js";

/** Agenda actions by idempotency key, so a retried command is answered again rather than applied twice. */
export const agendaActions = pgTable(
  "agenda_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    idempotencyKey: text("idempotency_key").notNull(),
    /** What the key was first used for (api/lib/idempotency.ts); null on rows from before it was kept. */
    requestHash: text("request_hash"),
    action: text("action").notNull(),
    actor: text("actor").notNull(),
    result: jsonb("result").$type<Record<string, unknown>>().notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("agenda_actions_key_uq").on(t.workshopId, t.idempotencyKey)],
);
