import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workshops } from "./workshops.js";

/**
 * Secret, read-only links to a workshop's web view (`/w/<secret>`) for people without an API token:
 * the client's leadership, the room on a projector. Revoked rows stay, so the list shows what was shared.
 */
export const shareLinks = pgTable(
  "share_links",
  {
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
  },
  (t) => [index("share_links_workshop_idx").on(t.workshopId, t.createdAt)],
);

export type ShareLinkRow = typeof shareLinks.$inferSelect;
