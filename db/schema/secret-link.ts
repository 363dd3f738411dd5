import { text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workshops } from "./workshops.js";

/**
 * The columns of a secret, read-only link to something of a workshop (the web view's share links, the
 * roadmap's calendar feeds): the secret is shown once and only its SHA-256 is kept; revoked rows stay,
 * so a workshop's list shows what was shared.
 */
export function secretLinkColumns() {
  return {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    /** For people to tell their links apart ("Steering committee"); null when none was given. */
    name: text("name"),
    /** SHA-256 of the secret in the URL, hex. The secret itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    /** Who made it: "token:<id>" or the chat person a bot acted for. */
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  };
}
