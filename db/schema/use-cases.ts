import { jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { UseCaseModel } from "../../api/domain/kafka/types.js";
import { workshops } from "./workshops.js";

/**
 * A use case's data-flow model (producers → topics → consumer groups, failure semantics), as one
 * jsonb document: it is always validated, sized and drawn whole.
 */
export const useCases = pgTable(
  "use_cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    title: text("title").notNull(),
    model: jsonb("model").$type<UseCaseModel>().notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("use_cases_workshop_key_uq").on(t.workshopId, t.key)],
);

export type UseCaseRow = typeof useCases.$inferSelect;
