import { integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { PlanInput } from "../../api/domain/plan/types.js";
import { workshops } from "./workshops.js";

/**
 * A workshop's statement-of-work plan, as its input: the calendar and the work packages with
 * their links, owner, phase and deadline, in one jsonb document. The schedule is computed from it
 * on every read (it is deterministic). One document rather than rows per package and link because
 * the plan is always read, validated and scheduled whole — a single edit can close a cycle anywhere —
 * and replacing 10,000 packages is one row written, not 40,000.
 */
export const plans = pgTable("plans", {
  workshopId: uuid("workshop_id")
    .primaryKey()
    .references(() => workshops.id, { onDelete: "cascade" }),
  input: jsonb("input").$type<PlanInput>().notNull(),
  /** SHA-256 of the input in canonical JSON (sorted keys): a PUT of the same plan changes nothing. */
  inputHash: text("input_hash").notNull(),
  /** 1 when created, one more with every change. */
  version: integer("version").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type PlanRow = typeof plans.$inferSelect;
