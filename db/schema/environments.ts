import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { ComponentSpec, EnvironmentTier } from "../../api/domain/kafka/environment-types.js";
import { workshops } from "./workshops.js";

/**
 * The strawman deployment architecture: a workshop's environments (dev, test, pre-prod, prod) with
 * their components. Replaced whole by `PUT …/environments`; components live in the row as jsonb
 * because they are always read and written with their environment.
 */
export const environments = pgTable(
  "environments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** Order as given, 0-based. */
    position: integer("position").notNull(),
    name: text("name").notNull(),
    tier: text("tier").$type<EnvironmentTier>().notNull(),
    availability: text("availability"),
    rpoMinutes: integer("rpo_minutes"),
    rtoMinutes: integer("rto_minutes"),
    regions: jsonb("regions").$type<string[]>().notNull(),
    components: jsonb("components").$type<ComponentSpec[]>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("environments_workshop_key_uq").on(t.workshopId, t.key)],
);

export type EnvironmentRow = typeof environments.$inferSelect;
