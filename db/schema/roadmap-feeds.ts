import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workshops } from "./workshops.js";

/**
 * Secret links to a workshop's roadmap as iCalendar, for calendar apps that subscribe by URL and
 * cannot send a bearer token. Read-only; revoked rows stay, so the list shows what was shared.
 */
export const roadmapFeeds = pgTable(
  "roadmap_feeds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    /** For people to tell their links apart ("Team calendar"); null when none was given. */
    name: text("name"),
    /** SHA-256 of the secret in the URL, hex. The secret itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    /** Who made it: "token:<id>". */
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("roadmap_feeds_workshop_idx").on(t.workshopId, t.createdAt)],
);

export type RoadmapFeedRow = typeof roadmapFeeds.$inferSelect;
