import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workshops } from "./workshops.js";

export const MATRIX_KINDS = ["skills", "costs"] as const;
export type MatrixKind = (typeof MATRIX_KINDS)[number];

/**
 * Whole documents the room fills in and replaces at once: the skills matrix and the cost table, one
 * of each per workshop, stored as validated input (the answers are computed on read).
 */
export const workshopMatrices = pgTable(
  "workshop_matrices",
  {
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MATRIX_KINDS }).notNull(),
    input: jsonb("input").$type<Record<string, unknown>>().notNull(),
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.kind] })],
);

export type WorkshopMatrixRow = typeof workshopMatrices.$inferSelect;
